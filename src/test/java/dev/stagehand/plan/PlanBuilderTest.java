package dev.stagehand.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagehand.log.Origin;
import org.junit.jupiter.api.Test;

class PlanBuilderTest {
    private static UnitFile unit(String path, String what) {
        return UnitFile.builder(path).section("Mount").set("What", what).build();
    }

    @Test
    void aDuplicateUnitRefusesTheWholeTransaction() {
        PlanBuilder b = new PlanBuilder();
        assertThat(b.begin(null)
                        .unit(unit("srv.mount", "/dev/a"))
                        .link(new Link("x.target.requires/srv.mount", "../srv.mount"))
                        .commit())
                .isEmpty();
        assertThat(b.begin(null)
                        .unit(unit("other.mount", "/dev/c"))
                        .unit(unit("srv.mount", "/dev/b"))
                        .link(new Link("y.target.wants/srv.mount", "../srv.mount"))
                        .commit())
                .contains("srv.mount was already written for an earlier entry");
        Plan p = b.build();
        assertThat(p.entries(OutputDir.NORMAL))
                .extracting(Entry::path)
                .containsExactly("srv.mount", "x.target.requires/srv.mount");
        assertThat(((UnitFile) p.get(OutputDir.NORMAL, "srv.mount")).values("What"))
                .containsExactly("/dev/a");
    }

    @Test
    void dropInsReplaceAndLinksKeepTheFirst() {
        PlanBuilder b = new PlanBuilder();
        b.begin(null)
                .dropIn(unit("dev-a.device.d/50-x.conf", "1"))
                .link(new Link("t.target.wants/a.mount", "../a.mount"))
                .commit();
        b.begin(null)
                .dropIn(unit("dev-a.device.d/50-x.conf", "2"))
                .link(new Link("t.target.wants/a.mount", "/elsewhere"))
                .commit();
        Plan p = b.build();
        assertThat(((UnitFile) p.get(OutputDir.NORMAL, "dev-a.device.d/50-x.conf")).values("What"))
                .containsExactly("2");
        assertThat(((Link) p.get(OutputDir.NORMAL, "t.target.wants/a.mount")).target())
                .isEqualTo("../a.mount");
    }

    @Test
    void entriesRememberTheirInput() {
        PlanBuilder b = new PlanBuilder();
        Origin o = Origin.fileLine("/etc/fstab", 3);
        b.begin(o).unit(unit("srv.mount", "/dev/a")).commit();
        Plan p = b.build();
        assertThat(p.origin(p.get(OutputDir.NORMAL, "srv.mount"))).isEqualTo(o);
    }

    @Test
    void pathsThatAreNoUnitsRefuseTheirTransaction() {
        PlanBuilder b = new PlanBuilder();
        assertThat(b.begin(null)
                        .unit(unit("ok.mount", "/dev/a"))
                        .link(new Link(".wants/ok.mount", "../ok.mount"))
                        .commit())
                .hasValueSatisfying(m -> assertThat(m).contains("is not a unit file path"));
        assertThat(b.begin(null)
                        .dropIn(unit("x.target.d/50-order-" + "a".repeat(250) + ".service.conf", "1"))
                        .commit())
                .isPresent();
        assertThat(b.build().isEmpty()).isTrue();
    }

    @Test
    void aValidUnitNameWhoseLinkFolderNameIsTooLongRefusesTheEntry() {
        String unit = "a".repeat(249) + ".mount"; // 255 bytes: valid, but "….mount.requires" is not a file name
        assertThat(UnitPaths.problem(unit)).isNull();
        PlanBuilder b = new PlanBuilder();
        assertThat(b.begin(null)
                        .unit(unit(unit, "/dev/a"))
                        .link(new Link(
                                unit + ".requires/systemd-makefs@dev-a.service",
                                "/usr/lib/systemd/system/systemd-makefs@.service"))
                        .commit())
                .hasValueSatisfying(m -> assertThat(m).contains("longer than a file name may be (255 bytes)"));
        assertThat(b.build().isEmpty()).isTrue();
    }

    @Test
    void valuesThatWouldBreakTheirLineAreRefused() {
        assertThatThrownBy(() -> new UnitFile.Setting("Where", "/a\nExecStart=/bin/sh"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnitFile.Setting("What", "/dev/a\\")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnitFile.Setting("What", "/dev/\u00ff"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(UnitValues.sanitize("a\nb\u00ff\\")).isEqualTo("a?b??");
    }
}
