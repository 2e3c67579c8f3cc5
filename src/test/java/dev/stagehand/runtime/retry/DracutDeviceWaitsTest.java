package dev.stagehand.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DracutDeviceWaitsTest {
    /** parse-root.sh of dracut-ng 106 with label_uuid_to_dev: what it waits for, per root= */
    @Test
    void theRootDeviceIsNamedAsDracutsCmdlineHookNamesIt() {
        assertThat(DracutDeviceWaits.rootDevice("UUID=DEAD-beef"))
                .isEqualTo("/dev/disk/by-uuid/DEAD-beef"); // no lower-casing
        assertThat(DracutDeviceWaits.rootDevice("PARTUUID=1234-01")).isEqualTo("/dev/disk/by-partuuid/1234-01");
        assertThat(DracutDeviceWaits.rootDevice("LABEL=a b/c")).isEqualTo("/dev/disk/by-label/a\\x20b\\x2fc");
        assertThat(DracutDeviceWaits.rootDevice("block:PARTLABEL=sys")).isEqualTo("/dev/disk/by-partlabel/sys");
        assertThat(DracutDeviceWaits.rootDevice("/dev/vda1")).isEqualTo("/dev/vda1");
        assertThat(DracutDeviceWaits.rootDevice("/dev/root")).isNull();
        assertThat(DracutDeviceWaits.rootDevice("/dev/nfs")).isNull();
        assertThat(DracutDeviceWaits.rootDevice("image:LABEL=x:/a.erofs")).isNull();
        assertThat(DracutDeviceWaits.rootDevice("tmpfs")).isNull();
        assertThat(DracutDeviceWaits.rootDevice(null)).isNull();
    }

    @Test
    void hookNamesGoBothWays() {
        String name = DracutDeviceWaits.hookName("/dev/disk/by-uuid/x");
        assertThat(name).isEqualTo("devexists-\\x2fdev\\x2fdisk\\x2fby-uuid\\x2fx.sh");
        assertThat(DracutDeviceWaits.deviceOf(name)).isEqualTo("/dev/disk/by-uuid/x");
        assertThat(DracutDeviceWaits.deviceOf("90-other.sh")).isNull();
    }
}
