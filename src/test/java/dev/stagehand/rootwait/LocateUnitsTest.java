package dev.stagehand.rootwait;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocateUnitsTest {
    @Test
    void looksOnlyForWhatStagehandLocateTakesAndUdevMakes() {
        assertThat(LocateUnits.locatable("/dev/disk/by-partlabel/system")).isTrue();
        assertThat(LocateUnits.locatable("/dev/disk/by-partlabel/a\\x2fb")).isTrue(); // "a/b", as udev escapes it
        assertThat(LocateUnits.locatable("/dev/disk/by-partlabel/syst\u00c3\u00a8me"))
                .isTrue(); // UTF-8 bytes, one char each
        assertThat(LocateUnits.locatable("/dev/disk/by-partuuid/a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b"))
                .isTrue();
        assertThat(LocateUnits.locatable("/dev/disk/by-partuuid/A1B2C3D4-0002-4E5F-8A9B-0C1D2E3F4A5B"))
                .isFalse();
        assertThat(LocateUnits.locatable("/dev/disk/by-partuuid/0d0e0f10-03")).isFalse(); // MBR
        assertThat(LocateUnits.locatable("/dev/disk/by-partlabel/" + "x".repeat(37)))
                .isFalse();
        assertThat(LocateUnits.locatable("/dev/disk/by-partlabel/a/b")).isFalse();
        assertThat(LocateUnits.locatable("/dev/disk/by-partlabel/")).isFalse();
        assertThat(LocateUnits.locatable("/dev/disk/by-uuid/1a1a1a1a-0000-4000-8000-00000000001a"))
                .isFalse();
        assertThat(LocateUnits.locatable("/dev/vda7")).isFalse();
        assertThat(LocateUnits.locatable(null)).isFalse();
    }

    @Test
    void bytesAboveAsciiReachTheCommandAsEscapes() {
        assertThat(LocateUnits.ascii("/dev/disk/by-partlabel/syst\u00c3\u00a8me"))
                .isEqualTo("/dev/disk/by-partlabel/syst\\xc3\\xa8me");
    }
}
