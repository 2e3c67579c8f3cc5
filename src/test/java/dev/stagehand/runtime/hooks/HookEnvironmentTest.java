package dev.stagehand.runtime.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variables initramfs-tools' init exports, from the kernel command line. */
class HookEnvironmentTest {
    @Test
    void defaults() {
        Map<String, String> e = HookEnvironment.initramfsTools("", null, null);
        assertThat(e)
                .containsEntry("ROOT", "")
                .containsEntry("readonly", "y")
                .containsEntry("quiet", "n")
                .containsEntry("rootmnt", "/sysroot")
                .containsEntry("BOOT", "local")
                .containsEntry("init", "/sbin/init")
                .containsEntry("MODPROBE_OPTIONS", "-qb")
                .containsEntry("fastboot", "n")
                .containsEntry("forcefsck", "n")
                .containsEntry("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .doesNotContainKey("starttime");
    }

    @Test
    void asInitReadsTheCommandLine() {
        Map<String, String> e = HookEnvironment.initramfsTools(
                "root=LABEL=r rootflags=subvol=@ rootfstype=btrfs rw rootdelay=x boot=nfs panic=10 debug quiet "
                        + "fsck.mode=force fsck.repair=yes noresume ip=dhcp init=/bin/sh blacklist=a,b break "
                        + "drop_capabilities=cap_sys_module BOOTIF=01-aa",
                "amd64",
                7L);
        assertThat(e)
                .containsEntry("ROOT", "LABEL=r")
                .containsEntry("ROOTFLAGS", "-o subvol=@")
                .containsEntry("ROOTFSTYPE", "btrfs")
                .containsEntry("readonly", "n")
                .containsEntry("ROOTDELAY", "") // not a number: dropped, as init does
                .containsEntry("BOOT", "local") // stagehand runs the local boot's points
                .containsEntry("panic", "10")
                .containsEntry("debug", "y")
                .containsEntry("quiet", "n") // debug wins
                .containsEntry("forcefsck", "y")
                .containsEntry("fsckfix", "y")
                .containsEntry("noresume", "y")
                .containsEntry("resume", "")
                .containsEntry("IP", "dhcp")
                .containsEntry("init", "/bin/sh")
                .containsEntry("blacklist", "a,b")
                .containsEntry("break", "premount")
                .containsEntry("drop_caps", "-d cap_sys_module")
                .containsEntry("BOOTIF", "01-aa")
                .containsEntry("starttime", "7")
                .containsEntry("DPKG_ARCH", "amd64");
    }

    @Test
    void theLastWordWinsAndQuotesAreNotSpecial() {
        Map<String, String> e = HookEnvironment.initramfsTools(
                "root=/dev/a root=\"/dev/b\" ro resume=UUID=5 resume_offset=9", null, null);
        assertThat(e)
                .containsEntry("ROOT", "\"/dev/b\"")
                .containsEntry("readonly", "y")
                .containsEntry("resume", "/dev/disk/by-uuid/5")
                .containsEntry("resume_offset", "9");
    }

    @Test
    void nixosTargetRoot() {
        assertThat(HookEnvironment.nixos()).containsEntry("targetRoot", "/sysroot");
        assertThat(HookEnvironment.dpkgArch("aarch64")).isEqualTo("arm64");
        assertThat(HookEnvironment.dpkgArch("amd64")).isEqualTo("amd64");
    }
}
