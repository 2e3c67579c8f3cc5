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
        // block drivers that name partitions FOLDER/NAME
        assertThat(LvmNames.parse("/dev/cciss/c0d0p2")).isNull();
        assertThat(LvmNames.parse("/dev/ida/c0d0p1")).isNull();
    }

    @Test
    void aSecondSingleDashIsALayerOfLvmsOwnAndNoLv() {
        assertThat(LvmNames.parse("/dev/mapper/vg0-root-real")).isNull();
        assertThat(LvmNames.parse("/dev/mapper/vg0-pool-tpool")).isNull();
        assertThat(LvmNames.parse("/dev/mapper/vg0-my--pool-tpool")).isNull();
        // systemd's and dracut's LUKS name: the UUID's dashes are single
        assertThat(LvmNames.parse("/dev/mapper/luks-5e5e5e5e-0000-4000-8000-00000000005e"))
                .isNull();
        // the LV of VG luks named like a UUID has its dashes doubled
        assertThat(LvmNames.parse("/dev/mapper/luks-5e5e5e5e--0000--4000--8000--00000000005e"))
                .containsExactly("luks", "5e5e5e5e-0000-4000-8000-00000000005e");
        assertThat(LvmNames.parse("/dev/mapper/vg--with--dashes-lv")).containsExactly("vg-with-dashes", "lv");
    }

    @Test
    void aCryptVolumesNameIsNoLv() {
        var names = java.util.List.of("crypt-root", "sda3_crypt");
        assertThat(LvmNames.cryptName("/dev/mapper/crypt-root", names)).isTrue();
        assertThat(LvmNames.cryptName("/dev/mapper/vg0-root", names)).isFalse();
        assertThat(LvmNames.cryptName("/dev/crypt/root", names)).isFalse();
        assertThat(LvmNames.parseNotCrypt("/dev/mapper/crypt-root", names)).isNull();
        assertThat(LvmNames.parseNotCrypt("/dev/mapper/vg0-root", names)).containsExactly("vg0", "root");
        assertThat(LvmNames.parseNotCrypt("/dev/vg0/root", names)).containsExactly("vg0", "root");
    }
}
