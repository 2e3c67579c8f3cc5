package dev.stagehand.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {
    @TempDir
    Path dir;

    private void exe(String rel) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void initrdAndInputsFollowSystemdsVariables() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Environment plain = new Environment(Map.of("STAGEHAND_ROOT", dir.toString()));
        assertThat(plain.inInitrd()).isFalse();
        Files.writeString(dir.resolve("etc/initrd-release"), "");
        assertThat(new Environment(Map.of("STAGEHAND_ROOT", dir.toString())).inInitrd())
                .isTrue();
        assertThat(new Environment(Map.of("STAGEHAND_ROOT", dir.toString(), "SYSTEMD_IN_INITRD", "0")).inInitrd())
                .isFalse();
        Environment e = new Environment(Map.of("STAGEHAND_ROOT", dir.toString(), "SYSTEMD_FSTAB", "/x/fstab"));
        assertThat(e.input("SYSTEMD_FSTAB", "/etc/fstab").shownAs()).isEqualTo("/x/fstab");
        assertThat(e.input("SYSTEMD_SYSROOT_FSTAB", "/sysroot/etc/fstab").host())
                .isEqualTo(dir.resolve("sysroot/etc/fstab"));
    }

    @Test
    void fsckLookupBelowTheRoot() throws Exception {
        exe("usr/sbin/fsck");
        exe("usr/sbin/fsck.ext4");
        Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(dir.resolve("usr/bin/fsck.xfs"), Path.of("/usr/bin/true"));
        Files.createSymbolicLink(dir.resolve("usr/bin/fsck.vfat"), Path.of("/dev/null"));
        Environment e = new Environment(Map.of("STAGEHAND_ROOT", dir.toString(), "PATH", "/usr/bin:/usr/sbin"));
        assertThat(e.executableIsGood("fsck")).isTrue();
        assertThat(e.executableIsGood("fsck.ext4")).isTrue();
        assertThat(e.executableIsGood("fsck.btrfs")).isFalse();
        assertThat(e.executableIsGood("fsck.xfs")).isFalse(); // a link to true is no fsck
        // not a regular file: systemd's lookup fails with an error other than ENOENT and it proceeds
        assertThat(e.executableIsGood("fsck.vfat")).isTrue();
    }

    @Test
    void containerEvidence() throws Exception {
        assertThat(new Environment(Map.of("STAGEHAND_ROOT", dir.toString())).inContainer())
                .isFalse();
        assertThat(new Environment(Map.of("STAGEHAND_ROOT", dir.toString(), "container", "lxc")).inContainer())
                .isTrue();
        Files.writeString(dir.resolve(".dockerenv"), "");
        assertThat(new Environment(Map.of("STAGEHAND_ROOT", dir.toString())).inContainer())
                .isTrue();
        assertThat(new Environment(Map.of("STAGEHAND_ROOT", dir.toString(), "container", "")).inContainer())
                .isFalse();
    }
}
