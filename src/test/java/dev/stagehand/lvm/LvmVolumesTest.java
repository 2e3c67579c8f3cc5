package dev.stagehand.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.Generator;
import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Level;
import dev.stagehand.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the root device is an LV: not a crypt volume's name, and LVM in play in the initrd. */
class LvmVolumesTest {
    @TempDir
    Path root;

    private final Log log = Log.silent();

    /** The LVs of the graph a run on the fake root plans, as VG/LV. */
    private List<String> lvs(String cmdline) throws Exception {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/cmdline"), cmdline);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/initrd-release"), "");
        var graph = new Generator(new Environment(Map.of("STAGEHAND_ROOT", root.toString())), log)
                .analyze()
                .graph();
        return graph.nodes().stream()
                .filter(n -> n instanceof LvmVolume)
                .map(n -> ((LvmVolume) n).label())
                .toList();
    }

    private List<String> groups() throws Exception {
        var graph = new Generator(new Environment(Map.of("STAGEHAND_ROOT", root.toString())), Log.silent())
                .analyze()
                .graph();
        return graph.nodes().stream()
                .filter(n -> n instanceof LvmGroup)
                .map(n -> ((LvmGroup) n).vg())
                .toList();
    }

    private void file(String logical) throws Exception {
        Path p = root.resolve(logical.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
    }

    private List<String> said(Level level) {
        return log.messages().stream()
                .filter(d -> d.level() == level)
                .map(Diagnostic::message)
                .toList();
    }

    @Test
    void aVgLvNameWithoutLvmInTheInitrdIsNoLvAndANoticeSaysWhy() throws Exception {
        assertThat(lvs("root=/dev/mapper/vg0-root")).isEmpty();
        assertThat(groups()).isEmpty();
        assertThat(said(Level.NOTICE))
                .singleElement()
                .asString()
                .startsWith(
                        "root /dev/mapper/vg0-root reads as VG vg0, LV root, but nothing in the initrd activates LVM");
    }

    @Test
    void theVgPathFormNeedsLvmInTheInitrdToo() throws Exception {
        assertThat(lvs("root=/dev/vg0/root")).isEmpty();
        assertThat(said(Level.NOTICE)).hasSize(1);
        file("/usr/sbin/lvm");
        assertThat(lvs("root=/dev/vg0/root")).containsExactly("vg0/root");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/etc/lvm/lvm.conf",
                "/etc/lvm/lvmlocal.conf",
                "/usr/sbin/lvm",
                "/sbin/lvm",
                "/usr/bin/lvm",
                "/bin/lvm",
                "/sbin/lvm_scan",
                "/usr/lib/udev/rules.d/64-lvm.rules",
                "/lib/udev/rules.d/69-dm-lvm.rules",
                "/etc/udev/rules.d/69-dm-lvm.rules",
                "/lib/udev/rules.d/56-lvm.rules",
                "/usr/lib/udev/rules.d/11-dm-lvm.rules"
            })
    void eachSignOfLvmInTheInitrdPutsItInPlay(String evidence) throws Exception {
        file(evidence);
        assertThat(lvs("root=/dev/mapper/vg0-root")).containsExactly("vg0/root");
        assertThat(said(Level.NOTICE)).noneMatch(m -> m.startsWith("root "));
    }

    @Test
    void aLinkCountsThoughItsTargetIsNotBelowTheRoot() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.createSymbolicLink(root.resolve("bin/lvm"), Path.of("/nix/store/0000-lvm2-bin/bin/lvm-not-here"));
        assertThat(lvs("root=/dev/mapper/vg0-root")).containsExactly("vg0/root");
    }

    @Test
    void otherFilesOfTheInitrdDoNotCount() throws Exception {
        file("/usr/sbin/lvmx");
        file("/usr/lib/udev/rules.d/64-md-raid.rules");
        file("/etc/lvm/README");
        assertThat(lvs("root=/dev/mapper/vg0-root")).isEmpty();
    }

    @Test
    void lvmWordsOnTheCommandLinePutItInPlayEvenBadOnes() throws Exception {
        assertThat(lvs("rd.lvm.vg=other root=/dev/mapper/vg0-root")).containsExactly("vg0/root");
        assertThat(lvs("rd_LVM_LV=novg root=/dev/mapper/vg0-root")).containsExactly("vg0/root");
        assertThat(lvs("rd.lvm=0 root=/dev/mapper/vg0-root")).isEmpty();
    }

    @Test
    void aCryptVolumesNameIsNoLvThoughLvmIsInPlay() throws Exception {
        file("/usr/sbin/lvm");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(
                root.resolve("etc/crypttab"), "crypt-root UUID=5e5e5e5e-0000-4000-8000-00000000005e none luks\n");
        assertThat(lvs("root=/dev/mapper/crypt-root")).isEmpty();
        assertThat(said(Level.NOTICE)).isEmpty();
        assertThat(said(Level.INFO))
                .contains("root /dev/mapper/crypt-root reads as VG crypt, LV root, but it is the crypt volume"
                        + " crypt-root: no LVM activation planned");
        assertThat(lvs("rd.luks.name=5e5e5e5e-0000-4000-8000-00000000005e=data-root root=/dev/mapper/data-root"))
                .isEmpty();
    }

    @Test
    void luksUuidIsNoLvWithOrWithoutAVolume() throws Exception {
        file("/usr/sbin/lvm");
        String uuid = "5e5e5e5e-0000-4000-8000-00000000005e";
        assertThat(lvs("rd.luks.uuid=" + uuid + " root=/dev/mapper/luks-" + uuid))
                .isEmpty();
        assertThat(lvs("root=/dev/mapper/luks-" + uuid)).isEmpty();
        assertThat(groups()).isEmpty();
        assertThat(said(Level.NOTICE)).isEmpty();
    }

    @Test
    void rdLvmLvNamingTheRootWinsOverACryptVolumeOfThatName() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(
                root.resolve("etc/crypttab"), "vg0-root UUID=5e5e5e5e-0000-4000-8000-00000000005e none luks\n");
        assertThat(lvs("rd.lvm.lv=vg0/root root=/dev/mapper/vg0-root")).containsExactly("vg0/root");
        assertThat(said(Level.INFO)).noneMatch(m -> m.contains("crypt volume"));
    }
}
