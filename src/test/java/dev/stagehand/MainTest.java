package dev.stagehand;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.cli.Version;
import dev.stagehand.runtime.retry.DracutDeviceWaits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Main.run("stagehand", new String[] {})).isEqualTo(2);
        assertThat(Main.run("stagehand", new String[] {"frobnicate"})).isEqualTo(2);
        assertThat(Main.run("stagehand", new String[] {"generate"})).isEqualTo(2);
        assertThat(Main.run("stagehand", new String[] {"generate", "a", "b"})).isEqualTo(2);
        // the generator link keeps systemd's contract: it says what was wrong and exits 0 (cli/UsageErrorsTest)
        assertThat(Main.run("/usr/lib/systemd/system-generators/stagehand-generator", new String[] {"--bogus"}))
                .isZero();
        assertThat(Main.run("stagehand", new String[] {"--version"})).isZero();
        assertThat(Main.run("stagehand", new String[] {"--help"})).isZero();
    }

    @Test
    void theGeneratorLinkOutsideTheInitrdDoesNothing() {
        // this test machine is no initrd (no /etc/initrd-release): the link must leave it alone
        assertThat(Files.exists(Path.of("/etc/initrd-release"))).isFalse();
        assertThat(Main.run("/x/stagehand-generator", new String[] {dir.toString()}))
                .isZero();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void versionMatchesThePom() throws Exception {
        String pom = Files.readString(Path.of(System.getenv().getOrDefault("STAGEHAND_SOURCE_DIR", "."), "pom.xml"));
        assertThat(pom).contains("<version>" + Version.VERSION + "</version>");
    }

    @Test
    void retryOutsideAnInitrdRefusesAndInsideRunsSystemctlInOrder() throws Exception {
        Path log = dir.resolve("calls");
        Path fake = dir.resolve("systemctl");
        Files.writeString(fake, "#!/bin/sh\necho \"$*\" >> " + log + "\n");
        fake.toFile().setExecutable(true);
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        String[] args = {"retry", "--root", root.toString(), "--systemctl", fake.toString(), "--set", "root=UUID=1"};
        assertThat(Main.run("stagehand", args)).isEqualTo(1);
        assertThat(log).doesNotExist();
        Files.writeString(root.resolve("etc/initrd-release"), "");
        assertThat(Main.run("stagehand", new String[] {"retry", "--root", root.toString(), "--set", "root\nx=1"}))
                .isEqualTo(2);
        assertThat(Main.run("stagehand", args)).isZero();
        assertThat(Files.readAllLines(log))
                .containsExactly("daemon-reload", "reset-failed", "--no-block isolate initrd.target");
        assertThat(Files.readString(root.resolve("run/stagehand/cmdline-overrides")))
                .contains("set root=UUID=1\n");
    }

    /**
     * Debian 13 (dracut-ng 106): the isolate runs dracut-cmdline.service again, whose
     * parse-root.sh writes a wait for /proc/cmdline's root= where no file is. Every retry while
     * an override replaces root=, not only the one that set it, leaves a passing wait there.
     */
    @Test
    void everyRetryWhileRootIsOverriddenLeavesDracutAPassingWaitForTheOldRoot() throws Exception {
        Path fake = dir.resolve("systemctl");
        Files.writeString(fake, "#!/bin/sh\nexit 0\n");
        fake.toFile().setExecutable(true);
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/initrd-release"), "");
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/cmdline"), "console=ttyS0 root=UUID=dead rd.timeout=5\n");
        Path finished = root.resolve("lib/dracut/hooks/initqueue/finished");
        Files.createDirectories(finished);
        Path wait = finished.resolve("devexists-\\x2fdev\\x2fdisk\\x2fby-uuid\\x2fdead.sh");
        Files.writeString(wait, "[ -e \"/dev/disk/by-uuid/dead\" ]\n");
        String[] first = {"retry", "--root", root.toString(), "--systemctl", fake.toString(), "--set", "root=UUID=good"
        };
        assertThat(Main.run("stagehand", first)).isZero();
        assertThat(wait).hasContent(DracutDeviceWaits.OVER.strip());
        Files.delete(wait); // dracut-ng's check_finished removes a hook once it passed
        String[] second = {
            "retry", "--root", root.toString(), "--systemctl", fake.toString(), "--set", "rootflags=noatime"
        };
        assertThat(Main.run("stagehand", second)).isZero();
        assertThat(wait).hasContent(DracutDeviceWaits.OVER.strip());
    }
}
