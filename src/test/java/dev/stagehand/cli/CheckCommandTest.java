package dev.stagehand.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private static int check(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return StagehandCommand.full().execute(all);
    }

    @Test
    void anInputThatIsNotThereIsAUsageError(@TempDir Path dir) {
        assertThat(check("--root", dir.resolve("nothing").toString())).isEqualTo(2);
        assertThat(check(
                        "--root",
                        dir.toString(),
                        "--fstab",
                        dir.resolve("fstab").toString()))
                .isEqualTo(2);
        assertThat(check("--root", dir.toString(), "--crypttab", dir.toString()))
                .isEqualTo(2); // a folder
        assertThat(check(
                        "--root",
                        dir.toString(),
                        "--initrd",
                        "--cmdline",
                        "root=UUID=1a1a1a1a-0000-4000-8000-00000000001a"))
                .isZero();
    }

    @Test
    void strictFailsOnWarnings(@TempDir Path dir) throws IOException {
        Path fstab = Files.writeString(dir.resolve("fstab"), "/dev/vdb1 /srv ext4 x-systemd.device-timout=5s 0 0\n");
        String[] args = {
            "--root",
            dir.toString(),
            "--initrd",
            "--cmdline",
            "root=UUID=1a1a1a1a-0000-4000-8000-00000000001a",
            "--fstab",
            fstab.toString()
        };
        assertThat(check(args)).isZero();
        String[] strict = java.util.Arrays.copyOf(args, args.length + 1);
        strict[args.length] = "--strict";
        assertThat(check(strict)).isEqualTo(1);
    }
}
