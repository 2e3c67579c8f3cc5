package dev.stagehand.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.input.Root;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.stagehand.retry.CommandLineOverrides;

class RetryTest {
    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Retry retry(int failAt) {
        return new Retry(new Root(dir), args -> {
            calls.add(String.join(" ", args));
            return calls.size() == failAt ? 1 : 0;
        }, new PrintStream(out, true));
    }

    @Test
    void resumeReloadsResetsAndIsolatesInThatOrderLeavingTheMarker() throws Exception {
        assertThat(retry(0).resume()).isZero();
        assertThat(calls).containsExactly("daemon-reload", "reset-failed", "--no-block isolate initrd.target");
        assertThat(dir.resolve("run/stagehand/retry-started")).exists();
    }

    @Test
    void followingARootFromAHookSavesReloadsDropsTheOldWaitAndQueuesWithoutStopping() throws Exception {
        Path hooks = dir.resolve("lib/dracut/hooks/initqueue/finished");
        Files.createDirectories(hooks);
        Files.writeString(hooks.resolve("devexists-\\x2fdev\\x2fvdz.sh"), "[ -e \"/dev/vdz\" ]\n");
        CommandLineOverrides o = CommandLineOverrides.none().set("root=/dev/mapper/x").set("rootfstype=xfs");
        assertThat(retry(0).followRoot(o)).isNull();
        assertThat(calls).containsExactly("daemon-reload", "--no-block start initrd.target");
        assertThat(Files.readString(dir.resolve("run/stagehand/cmdline-overrides"))).contains("set root=/dev/mapper/x\nset rootfstype=xfs\n");
        assertThat(hooks.resolve("devexists-\\x2fdev\\x2fvdz.sh")).doesNotExist();
        assertThat(dir.resolve("run/stagehand/retry-started")).doesNotExist(); // not an emergency retry
    }

    @Test
    void aRootThatCannotBeFollowedSaysWhichStepFailed() throws Exception {
        assertThat(retry(1).followRoot(CommandLineOverrides.none().set("root=/dev/vdb"))).isEqualTo("systemctl daemon-reload failed");
        assertThat(calls).containsExactly("daemon-reload");
    }

    @Test
    void aFailedReloadStartsNothing() throws Exception {
        assertThat(retry(1).resume()).isEqualTo(1);
        assertThat(calls).containsExactly("daemon-reload");
        assertThat(out.toString()).contains("systemctl daemon-reload failed with exit status 1");
        assertThat(dir.resolve("run/stagehand/retry-started")).doesNotExist();
    }

    @Test
    void leavingTheShellAfterARetryDoesNothingButTakesTheMarker() throws Exception {
        retry(0).resume();
        calls.clear();
        java.nio.file.Files.createDirectories(dir.resolve("etc"));
        java.nio.file.Files.writeString(dir.resolve("etc/initrd-release"), "");
        assertThat(retry(0).afterEmergency()).isZero();
        assertThat(calls).isEmpty();
        assertThat(dir.resolve("run/stagehand/retry-started")).doesNotExist();
        // the next time the shell is left without a retry, it resumes by itself
        assertThat(retry(0).afterEmergency()).isZero();
        assertThat(calls).containsExactly("daemon-reload", "reset-failed", "--job-mode=fail --no-block isolate initrd.target");
    }

    @Test
    void leavingAnEmergencyShellOutsideTheInitrdDoesNothing() throws Exception {
        assertThat(retry(0).afterEmergency()).isZero();
        assertThat(calls).isEmpty();
    }

    @Test
    void overridesAreSavedWhereTheGeneratorReadsThem() throws Exception {
        Retry r = retry(0);
        r.save(CommandLineOverrides.none().set("root=UUID=1234"));
        assertThat(Files.readString(dir.resolve("run/stagehand/cmdline-overrides"))).contains("set root=UUID=1234\n");
        assertThat(r.overrides(dev.stagehand.log.Log.silent()).items()).hasSize(1);
        assertThat(dir.resolve("run/stagehand")).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void whenRootMovedDracutsWaitForAMissingOldRootIsDroppedAfterTheReload() throws Exception {
        Path finished = dir.resolve("lib/dracut/hooks/initqueue/finished");
        Files.createDirectories(finished);
        Files.createDirectories(dir.resolve("dev/disk/by-uuid"));
        Files.writeString(dir.resolve("dev/disk/by-uuid/there"), "");
        Path old = finished.resolve("devexists-\\x2fdev\\x2fdisk\\x2fby-uuid\\x2fgone.sh");
        Path present = finished.resolve("devexists-\\x2fdev\\x2fdisk\\x2fby-uuid\\x2fthere.sh");
        Path other = finished.resolve("90-other.sh");
        for (Path p : List.of(old, present, other)) Files.writeString(p, "[ -e x ]\n");
        assertThat(retry(0).resume(true)).isZero();
        assertThat(old).doesNotExist();
        assertThat(present).exists();
        assertThat(other).exists();
        assertThat(out.toString()).contains("dropped dracut's wait for /dev/disk/by-uuid/gone");
        Files.writeString(old, "");
        assertThat(retry(0).resume(false)).isZero();
        assertThat(old).exists();
    }
}
