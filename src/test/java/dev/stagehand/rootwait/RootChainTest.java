package dev.stagehand.rootwait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MdArray;
import dev.stagehand.log.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The root wait chain's order: from the graph where it knows the stacking, the usual stacking where not. */
class RootChainTest {
    private static final Origin O = Origin.file("/etc/crypttab");

    private static CryptVolume luks(String name, String device) {
        return new CryptVolume(O, "/etc/crypttab", name, device, null, null, null, null, List.of());
    }

    private static MdArray md(String name, String uuid) {
        return md(name, uuid, List.of());
    }

    private static MdArray md(String name, String uuid, List<String> members) {
        return new MdArray(O, uuid, name, null, MdArray.Degraded.AUTO, 30_000_000L, "default", false, members);
    }

    private static LvmGroup vg(String vg) {
        return new LvmGroup(O, vg, List.of(), LvmGroup.Degraded.AUTO, 30_000_000L, "default");
    }

    private static List<String> paths(List<RootChain.Link> chain) {
        return chain.stream().map(l -> l.path() + (l.timed() ? " (timed)" : "")).toList();
    }

    @Test
    void lvmOnLuksKeepsTheUsualStackingTheGraphCannotSee() {
        // LVM finds its PVs by scanning: nothing says the VG is on cryptpv, the usual order holds
        var chain = RootChain.of(
                "/dev/vg/root",
                List.of(),
                List.of(luks("cryptpv", "UUID=5e5e5e5e-0000-4000-8000-00000000005e")),
                List.of(vg("vg")),
                List.of(new LvmVolume(O, "vg", "root")));
        assertThat(paths(chain))
                .containsExactly(
                        "/dev/disk/by-uuid/5e5e5e5e-0000-4000-8000-00000000005e (timed)",
                        "/dev/mapper/cryptpv (timed)",
                        "/dev/vg");
    }

    @Test
    void luksOnAnLvComesAfterTheGroupAndTheLvIsOneLink() {
        var chain = RootChain.of(
                "/dev/mapper/cryptroot",
                List.of(),
                List.of(luks("cryptroot", "/dev/mapper/vgdata-crypt")),
                List.of(vg("vgdata")),
                List.of(new LvmVolume(O, "vgdata", "crypt")));
        assertThat(paths(chain)).containsExactly("/dev/vgdata", "/dev/mapper/vgdata-crypt (timed)");
        assertThat(chain.get(1).what()).isEqualTo("LV vgdata/crypt active, encrypted source of cryptroot");
    }

    @Test
    void luksOnAGroupsLvNotNamedOnItsOwnComesAfterTheGroup() {
        var chain = RootChain.of(
                "/dev/mapper/cryptroot",
                List.of(),
                List.of(luks("cryptroot", "/dev/vgdata/other")),
                List.of(vg("vgdata")),
                List.of());
        assertThat(paths(chain)).containsExactly("/dev/vgdata", "/dev/vgdata/other (timed)");
    }

    @Test
    void aLuksSourceNamedByACryptVolumeIsNoLvOfAGroupOfThatName() {
        // LUKS on LUKS: the outer volume vgdata-outer reads as VG vgdata, LV outer, but is a crypt volume
        var chain = RootChain.of(
                "/dev/mapper/inner",
                List.of(),
                List.of(luks("vgdata-outer", "/dev/vda2"), luks("inner", "/dev/mapper/vgdata-outer")),
                List.of(vg("vgdata")),
                List.of());
        // (were it an LV, the group would come first)
        assertThat(paths(chain)).containsExactly("/dev/mapper/vgdata-outer (timed)", "/dev/vgdata");
    }

    @Test
    void lvmOnLuksOnLvmFollowsTheGraph() {
        var chain = RootChain.of(
                "/dev/vginner/root",
                List.of(),
                List.of(luks("cryptpv", "/dev/vgouter/crypt")),
                List.of(vg("vginner"), vg("vgouter")),
                List.of(new LvmVolume(O, "vgouter", "crypt"), new LvmVolume(O, "vginner", "root")));
        assertThat(paths(chain))
                .containsExactly(
                        "/dev/vgouter", "/dev/vgouter/crypt (timed)", "/dev/mapper/cryptpv (timed)", "/dev/vginner");
    }

    @Test
    void luksOnAnArrayComesAfterItAndASharedPathIsTimedOnce() {
        String uuid = "1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e";
        var byName = RootChain.of(
                "/dev/mapper/c", List.of(md("nest", uuid)), List.of(luks("c", "/dev/md/nest")), List.of(), List.of());
        assertThat(paths(byName))
                .containsExactly("/dev/disk/by-id/md-uuid-1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e", "/dev/md/nest (timed)");
        // the LUKS source is the array's own link: one link, timed (its device gets the drop-in)
        var byLink = RootChain.of(
                "/dev/mapper/c",
                List.of(md(null, uuid)),
                List.of(luks("c", "/dev/disk/by-id/md-uuid-1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e")),
                List.of(),
                List.of());
        assertThat(paths(byLink))
                .containsExactly("/dev/disk/by-id/md-uuid-1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e (timed)");
        assertThat(byLink.get(0).what())
                .isEqualTo("1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e running, encrypted source of c");
    }

    @Test
    void raidOnLuksNamedByTheArrayLineComesAfterItsVolumes() {
        String uuid = "1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e";
        var chain = RootChain.of(
                "/dev/md/root",
                List.of(md("root", uuid, List.of("/dev/mapper/luks-a", "/dev/mapper/luks-b"))),
                List.of(luks("luks-a", "/dev/vda"), luks("luks-b", "/dev/vdb")),
                List.of(),
                List.of());
        assertThat(paths(chain))
                .containsExactly(
                        "/dev/vda (timed)",
                        "/dev/mapper/luks-a (timed)",
                        "/dev/vdb (timed)",
                        "/dev/mapper/luks-b (timed)",
                        "/dev/disk/by-id/md-uuid-1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e");
    }

    @Test
    void inputThatMakesACycleGetsAnOrderNotALoop() {
        // the array on the LUKS volume that lies on the array: each link once
        String uuid = "1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e";
        var chain = RootChain.of(
                "/dev/vg/root",
                List.of(md("x", uuid, List.of("/dev/mapper/c"))),
                List.of(luks("c", "/dev/md/x")),
                List.of(),
                List.of());
        assertThat(paths(chain))
                .containsExactlyInAnyOrder(
                        "/dev/disk/by-id/md-uuid-1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e",
                        "/dev/md/x (timed)",
                        "/dev/mapper/c (timed)");
    }

    @Test
    void theRootsOwnVolumeIsTheOnlyLuksLink() {
        var chain = RootChain.of(
                "/dev/mapper/b",
                List.of(),
                List.of(luks("a", "/dev/vda1"), luks("b", "/dev/vdb1")),
                List.of(),
                List.of());
        assertThat(paths(chain)).containsExactly("/dev/vdb1 (timed)");
    }
}
