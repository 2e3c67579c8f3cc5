package dev.stagehand.fsck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.OutputDir;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which devices the graph shows to be independent of the locked devices and of the root's disk. */
class IndependenceTest {
    private static final Origin O = Origin.file("/etc/fstab");

    private static MountPoint mount(String what, String where, String type, String options) {
        return new MountPoint(
                O,
                "/etc/fstab",
                OutputDir.NORMAL,
                what,
                where,
                null,
                type,
                options,
                2,
                MountFlag.fromOptions(options, false),
                "local-fs.target",
                null);
    }

    private static CryptVolume volume(String name, String device) {
        return new CryptVolume(O, "/etc/crypttab", name, device, null, null, null, null, List.of());
    }

    private final Independence graph = new Independence(
            mount("/dev/vda2", "/sysroot", "ext4", "ro"),
            List.of(volume("other", "/dev/sdb1"), volume("luks-1b", "UUID=1b1b1b1b-0000-4000-8000-00000000001b")),
            List.of(),
            List.of(new LvmVolume(O, "vg0", "srv")));

    private String why(String what, String options) {
        return graph.dependence(mount(what, "/srv", "ext4", options));
    }

    @Test
    void ownDiskIsIndependent() {
        assertThat(why("/dev/vdb1", "defaults")).isNull();
        assertThat(why("/dev/disk/by-uuid/7a7a7a7a-0000-4000-8000-00000000007a", "defaults"))
                .isNull();
        assertThat(why("/dev/nvme0n1p2", "nofail")).isNull();
    }

    @Test
    void lockedStackedAndRootDisksAreNot() {
        assertThat(why("/dev/vda3", "defaults")).isEqualTo("on the root's disk /dev/vda");
        assertThat(why("/dev/vda2", "defaults")).isEqualTo("on the root's own device");
        assertThat(why("/dev/mapper/other", "defaults")).isEqualTo("on the locked device other");
        assertThat(why("/dev/sdb1", "defaults")).isEqualTo("the encrypted source of other");
        assertThat(why("/dev/sdb2", "defaults")).isEqualTo("on /dev/sdb, the disk of the locked device other");
        assertThat(why("/dev/disk/by-uuid/1b1b1b1b-0000-4000-8000-00000000001b", "defaults"))
                .isEqualTo("the encrypted source of luks-1b");
        assertThat(why("/dev/vg0/srv", "defaults")).startsWith("on LV vg0/srv");
        assertThat(why("/dev/vg1/data", "defaults")).startsWith("on a stacked device");
        assertThat(why("/dev/md127", "defaults")).startsWith("on a stacked device");
        assertThat(why("/dev/disk/by-id/dm-name-x", "defaults")).startsWith("on a stacked device");
    }

    @Test
    void optionsThatKeepSystemdsOrder() {
        assertThat(why("/dev/vdb1", "noauto")).isEqualTo("not mounted at boot (noauto)");
        assertThat(why("/dev/vdb1", "_netdev")).isEqualTo("on a network device");
        assertThat(why("/dev/vdb1", "bind")).isEqualTo("a bind mount");
    }

    @Test
    void diskNames() {
        assertThat(DiskNames.diskOf("/dev/sda3")).isEqualTo("/dev/sda");
        assertThat(DiskNames.diskOf("/dev/xvdb")).isEqualTo("/dev/xvdb");
        assertThat(DiskNames.diskOf("/dev/mmcblk0p1")).isEqualTo("/dev/mmcblk0");
        assertThat(DiskNames.diskOf("/dev/nvme0n1")).isEqualTo("/dev/nvme0n1");
        assertThat(DiskNames.diskOf("/dev/disk/by-path/pci-0000:00:07.0-part1"))
                .isEqualTo("/dev/disk/by-path/pci-0000:00:07.0");
        assertThat(DiskNames.diskOf("/dev/disk/by-id/ata-X_123-part3")).isEqualTo("/dev/disk/by-id/ata-X_123");
        assertThat(DiskNames.diskOf("/dev/disk/by-uuid/7a")).isNull();
        assertThat(DiskNames.diskOf("/dev/mapper/x")).isNull();
    }
}
