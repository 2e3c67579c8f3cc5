package dev.stagehand.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.graph.LvmVolume;
import org.junit.jupiter.api.Test;

class LvmNamesTest {
    @Test
    void bothPathsOfAnLvNameTheSameVolume() {
        assertThat(LvmNames.parse("/dev/vg0/root")).containsExactly("vg0", "root");
        assertThat(LvmNames.parse("/dev/mapper/vg0-root")).containsExactly("vg0", "root");
        assertThat(LvmNames.parse("/dev/mapper/my--vg-root--lv")).containsExactly("my-vg", "root-lv");
        assertThat(new LvmVolume(null, "my-vg", "root-lv").mapperPath()).isEqualTo("/dev/mapper/my--vg-root--lv");
        assertThat(new LvmVolume(null, "my-vg", "root-lv").vgPath()).isEqualTo("/dev/my-vg/root-lv");
    }

    @Test
    void otherDevicePathsAreNoLvs() {
        assertThat(LvmNames.parse("/dev/md/root")).isNull();
        assertThat(LvmNames.parse("/dev/disk/by-uuid/x")).isNull();
        assertThat(LvmNames.parse("/dev/vda1")).isNull();
        assertThat(LvmNames.parse("/dev/mapper/luks--x")).isNull(); // no single "-": not VG-LV
        assertThat(LvmNames.parse("/dev/mapper/cryptroot")).isNull();
        assertThat(LvmNames.parse("/dev/vg0/a/b")).isNull();
        assertThat(LvmNames.parse("/dev/vg 0/root")).isNull();
        assertThat(LvmNames.parse("UUID=x")).isNull();
    }
}
