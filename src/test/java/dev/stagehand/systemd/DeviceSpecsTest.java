package dev.stagehand.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.systemd.DeviceSpecs.Role;
import org.junit.jupiter.api.Test;

/** Which device specs can name a device (docs/device-values.md), with the UUID forms blkid reports. */
class DeviceSpecsTest {
    private static boolean ok(String spec) {
        return DeviceSpecs.check(spec, Role.FILE_SYSTEM) == null;
    }

    private static String hint(String spec, Role role) {
        return DeviceSpecs.check(spec, role).hint();
    }

    @Test
    void fileSystemUuidsInEveryFormBlkidReports() {
        assertThat(ok("UUID=0a0a0a0a-0000-4000-8000-00000000000a")).isTrue(); // ext4, xfs, btrfs, LUKS
        assertThat(ok("UUID=1234-ABCD")).isTrue(); // FAT, exFAT
        assertThat(ok("UUID=0123456789ABCDEF")).isTrue(); // NTFS
        assertThat(ok("UUID=2024-01-31-12-00-00-00")).isTrue(); // ISO 9660 date
        assertThat(ok("UUID=11768385738223429836")).isTrue(); // ZFS
        assertThat(ok("UUID=\"0a0a-1b1b\"")).isTrue(); // quotes removed as fstab_node_to_udev_node does
        assertThat(ok("UUID=")).isFalse();
        assertThat(ok("UUID=\"\"")).isFalse();
        assertThat(ok("UUID=-")).isFalse();
        assertThat(ok("UUID='q'")).isFalse();
        assertThat(ok("UUID=\"x")).isFalse();
        assertThat(ok("UUID=u-s-r")).isFalse();
        assertThat(hint("UUID=UUID=1234-ABCD", Role.FILE_SYSTEM)).isEqualTo("write UUID=1234-ABCD");
    }

    @Test
    void encryptedVolumesHaveLuksUuids() {
        assertThat(DeviceSpecs.check("UUID=0a0a0a0a-0000-4000-8000-00000000000a", Role.ENCRYPTED))
                .isNull();
        assertThat(DeviceSpecs.check("UUID=0A0A0A0A-0000-4000-8000-00000000000A", Role.ENCRYPTED))
                .isNull();
        assertThat(DeviceSpecs.check("UUID=1234-ABCD", Role.ENCRYPTED)).isNotNull();
        assertThat(DeviceSpecs.check("LABEL=secret", Role.ENCRYPTED)).isNull();
        assertThat(hint("UUID=0a0a0a0a00004000800000000000000a", Role.ENCRYPTED))
                .isEqualTo("write it with dashes: 0a0a0a0a-0000-4000-8000-00000000000a");
    }

    @Test
    void luksUuidsOnTheCommandLine() {
        assertThat(DeviceSpecs.checkLuksUuid("0a0a0a0a-0000-4000-8000-00000000000a"))
                .isNull();
        DeviceSpecs.Refusal empty = DeviceSpecs.checkLuksUuid("");
        assertThat(empty.message(""))
                .isEqualTo(
                        "expected a LUKS UUID (8-4-4-4-12 hex digits, such as 0a0a0a0a-0000-4000-8000-00000000000a), got \"\"");
        assertThat(DeviceSpecs.checkLuksUuid("0a0a0a0a").hint()).contains("the whole UUID");
        assertThat(DeviceSpecs.checkLuksUuid("UUID=0a0a0a0a-0000-4000-8000-00000000000a")
                        .hint())
                .isEqualTo("write it without UUID=: 0a0a0a0a-0000-4000-8000-00000000000a");
        assertThat(DeviceSpecs.checkLuksUuid("nonsense").hint()).isNull();
    }

    @Test
    void partitionUuidsAreGptOrMbrInLowerCase() {
        assertThat(ok("PARTUUID=0a0a0a0a-0000-4000-8000-00000000000a")).isTrue();
        assertThat(ok("PARTUUID=0a0a0a0a-01")).isTrue();
        assertThat(ok("PARTUUID=0a0a0a0a-1f")).isTrue();
        assertThat(ok("PARTUUID=1234-01")).isFalse();
        assertThat(ok("PARTUUID=")).isFalse();
        assertThat(hint("PARTUUID=0A0A0A0A-01", Role.FILE_SYSTEM))
                .isEqualTo("udev names partitions in lower case: write PARTUUID=0a0a0a0a-01");
        assertThat(hint("PARTUUID=0a0a0a0a-01/PARTNROFF=1", Role.FILE_SYSTEM)).contains("kernel's own syntax");
    }

    @Test
    void labelsAreNotEmptyEndInNoBlankAndFitUdevsBuffer() {
        assertThat(ok("LABEL=root")).isTrue();
        assertThat(ok("LABEL=a/b")).isTrue(); // udev writes the "/" as \x2f, as systemd does
        assertThat(ok("LABEL=my disk")).isTrue();
        assertThat(ok("LABEL= leading")).isTrue();
        assertThat(ok("LABEL=")).isFalse();
        assertThat(hint("LABEL=data ", Role.FILE_SYSTEM))
                .isEqualTo("blkid drops the blanks at the end of a label: write LABEL=data");
        assertThat(ok("LABEL=" + "x".repeat(252))).isTrue();
        assertThat(ok("LABEL=" + "x".repeat(253))).isFalse();
        assertThat(ok("LABEL=" + " x".repeat(50))).isTrue(); // 200 bytes escaped
        assertThat(ok("LABEL=" + " x".repeat(51))).isFalse(); // 255 bytes escaped
    }

    @Test
    void partitionLabelsAreGptNames() {
        assertThat(ok("PARTLABEL=esp")).isTrue();
        assertThat(ok("PARTLABEL=" + "p".repeat(36))).isTrue();
        assertThat(ok("PARTLABEL=" + "p".repeat(37))).isFalse();
        assertThat(ok("PARTLABEL=" + "\u00c3\u00a9".repeat(36))).isTrue(); // é, 2 bytes, one unit each
        assertThat(ok("PARTLABEL=" + "\u00f0\u009f\u0098\u0080".repeat(19))).isFalse(); // 38 units: surrogate pairs
        assertThat(ok("PARTLABEL=\u00ff")).isFalse();
        assertThat(ok("PARTLABEL=x ")).isFalse();
        assertThat(ok("PARTLABEL=")).isFalse();
    }

    @Test
    void devicePathsThatAreFolders() {
        assertThat(ok("/dev/sda1")).isTrue();
        assertThat(ok("/dev/disk/by-uuid/q")).isTrue(); // a path is checked for its shape only
        assertThat(ok("/dev/disk/by-path/pci-0000:00:1f.2-ata-1-part/by-partuuid/x"))
                .isTrue();
        assertThat(ok("/dev/mapper/root")).isTrue();
        assertThat(ok("/dev/")).isFalse();
        assertThat(ok("/dev")).isFalse();
        assertThat(ok("/dev/disk/by-uuid/")).isFalse();
        assertThat(ok("/dev//disk/by-label")).isFalse();
        assertThat(ok("/dev/mapper")).isFalse();
        assertThat(ok("/dev/disk/by-label/a/b")).isFalse();
        assertThat(ok("tmpfs")).isTrue();
        assertThat(ok("server:/export")).isTrue();
        assertThat(ok("/devices/x")).isTrue();
    }

    @Test
    void bareKernelNames() {
        assertThat(DeviceSpecs.devicePathFor("sda2")).isEqualTo("/dev/sda2");
        assertThat(DeviceSpecs.devicePathFor("nvme0n1p2")).isEqualTo("/dev/nvme0n1p2");
        assertThat(DeviceSpecs.devicePathFor("mapper/root")).isEqualTo("/dev/mapper/root");
        assertThat(DeviceSpecs.devicePathFor("/dev/sda2")).isNull();
        assertThat(DeviceSpecs.devicePathFor("zfs:rpool")).isNull();
        assertThat(DeviceSpecs.devicePathFor("ZFS=rpool")).isNull();
        assertThat(DeviceSpecs.devicePathFor("")).isNull();
    }
}
