package dev.stagehand.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.log.Origin;
import org.junit.jupiter.api.Test;

class ImageSettingsTest {
    private static final Origin O = Origin.cmdline("rd.stagehand.overlay=");

    @Test
    void forms() {
        assertThat(ImageSettings.overlay("tmpfs", O).kind()).isEqualTo(ImageSettings.Kind.TMPFS);
        assertThat(ImageSettings.overlay("tmpfs:size=512m", O).size()).isEqualTo("512m");
        assertThat(ImageSettings.overlay("tmpfs:size=25%", O).size()).isEqualTo("25%");
        assertThat(ImageSettings.overlay("none", O).kind()).isEqualTo(ImageSettings.Kind.NONE);
        assertThat(ImageSettings.overlay("LABEL=upper", O).device()).isEqualTo("LABEL=upper");
        assertThat(ImageSettings.overlay("/dev/vdb1", O).kind()).isEqualTo(ImageSettings.Kind.DEVICE);
    }

    @Test
    void refused() {
        for (String bad : new String[] {
            "ramdisk",
            "tmpfs:",
            "tmpfs:size=",
            "tmpfs:size=lots",
            "tmpfs:mode=0700",
            "tmpfs:size=1m,mode=1",
            "UUID=",
            "/dev/",
            "/srv/upper",
            "PARTUUID=ABC"
        }) {
            assertThat(ImageSettings.overlay(bad, O)).as(bad).isNull();
        }
    }
}
