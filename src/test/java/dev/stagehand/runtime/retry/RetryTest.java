package dev.stagehand.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.input.Root;
import dev.stagehand.log.Log;
import dev.stagehand.retry.CommandLineOverrides;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryTest {
    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Retry retry(int failAt) {
        return new Retry(
                new Root(dir),
                args -> {
                    calls.add(String.join(" ", args));
                    return calls.size() == failAt ? 1 : 0;
                },
                new PrintStream(out, true));
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
        CommandLineOverrides o =
                CommandLineOverrides.none().set("root=/dev/mapper/x").set("rootfstype=xfs");
        assertThat(retry(0).followRoot(o, "/dev/vdz")).isNull();
        assertThat(calls).containsExactly("daemon-reload", "--no-block start initrd.target");
        assertThat(Files.readString(dir.resolve("run/stagehand/cmdline-overrides")))
                .contains("set root=/dev/mapper/x\nset rootfstype=xfs\n");
        assertThat(hooks.resolve("devexists-\\x2fdev\\x2fvdz.sh")).hasContent(DracutDeviceWaits.OVER.strip());
        assertThat(dir.resolve("run/stagehand/retry-started")).doesNotExist(); // not an emergency retry
    }

    @Test
    void aRootThatCannotBeFollowedSaysWhichStepFailed() throws Exception {
        assertThat(retry(1).followRoot(CommandLineOverrides.none().set("root=/dev/vdb"), null))
                .isEqualTo("systemctl daemon-reload failed");
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
        assertThat(retry(0).afterEmergency(null)).isZero();
        assertThat(calls).isEmpty();
        assertThat(dir.resolve("run/stagehand/retry-started")).doesNotExist();
        // the next time the shell is left without a retry, it resumes by itself
        assertThat(retry(0).afterEmergency(null)).isZero();
        assertThat(calls)
                .containsExactly("daemon-reload", "reset-failed", "--job-mode=fail --no-block isolate initrd.target");
    }

    @Test
    void leavingAnEmergencyShellOutsideTheInitrdDoesNothing() throws Exception {
        assertThat(retry(0).afterEmergency(null)).isZero();
        assertThat(calls).isEmpty();
    }

    @Test
    void overridesAreSavedWhereTheGeneratorReadsThem() throws Exception {
        Retry r = retry(0);
        r.save(CommandLineOverrides.none().set("root=UUID=1234"));
        assertThat(Files.readString(dir.resolve("run/stagehand/cmdline-overrides")))
                .contains("set root=UUID=1234\n");
        assertThat(r.overrides(Log.silent()).items()).hasSize(1);
        assertThat(dir.resolve("run/stagehand"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void whenRootMovedDracutsWaitForAMissingOldRootPassesAfterTheReload() throws Exception {
        Path finished = dir.resolve("lib/dracut/hooks/initqueue/finished");
        Files.createDirectories(finished);
        Files.createDirectories(dir.resolve("dev/disk/by-uuid"));
        Files.writeString(dir.resolve("dev/disk/by-uuid/there"), "");
        Path old = finished.resolve("devexists-\\x2fdev\\x2fdisk\\x2fby-uuid\\x2fgone.sh");
        Path present = finished.resolve("devexists-\\x2fdev\\x2fdisk\\x2fby-uuid\\x2fthere.sh");
        Path other = finished.resolve("90-other.sh");
        for (Path p : List.of(old, present, other)) Files.writeString(p, "[ -e x ]\n");
        assertThat(retry(0).resume("UUID=gone")).isZero();
        // kept, as a wait that passes: dracut writes a wait only where there is no file
        assertThat(old).hasContent(DracutDeviceWaits.OVER.strip());
        assertThat(sourced(old)).isZero();
        assertThat(present).hasContent("[ -e x ]");
        assertThat(other).hasContent("[ -e x ]");
        assertThat(out.toString()).contains("dropped dracut's wait for /dev/disk/by-uuid/gone");
        Files.writeString(old, "[ -e x ]\n");
        assertThat(retry(0).resume(null)).isZero();
        assertThat(old).hasContent("[ -e x ]");
    }

    /**
     * dracut-ng's initqueue deletes a finished hook once it passed, and its cmdline hook
     * (parse-root.sh), which the isolate runs again, writes the wait for /proc/cmdline's root=
     * anew where no file is: a second retry after the first one's wait was used up puts a
     * passing one in place before that.
     */
    @Test
    void whenRootMovedAWaitForTheOldRootIsInPlaceBeforeDracutsCmdlineHookRunsAgain() throws Exception {
        Path finished = dir.resolve("lib/dracut/hooks/initqueue/finished");
        Files.createDirectories(finished);
        assertThat(retry(0).resume("LABEL=old root")).isZero();
        Path hook = finished.resolve("devexists-\\x2fdev\\x2fdisk\\x2fby-label\\x2fold\\x20root.sh");
        assertThat(hook).hasContent(DracutDeviceWaits.OVER.strip());
        assertThat(out.toString())
                .contains("dracut will not wait for /dev/disk/by-label/old\\x20root (root= was changed)");
        // parse-root.sh: if ! [ -e "$hookdir/initqueue/finished/devexists-${root_name}.sh" ]; then cat > ...
        assertThat(sourced(hook)).isZero();
        // no dracut, no hooks written
        Files.delete(hook);
        Files.delete(finished);
        assertThat(retry(0).resume("UUID=gone")).isZero();
        assertThat(finished).doesNotExist();
    }

    @Test
    void leavingTheShellAfterARootOverrideWithoutRetryEndsTheOldRootsWaitToo() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/initrd-release"), "");
        Path finished = dir.resolve("lib/dracut/hooks/initqueue/finished");
        Files.createDirectories(finished);
        assertThat(retry(0).afterEmergency("/dev/vdz")).isZero();
        assertThat(finished.resolve("devexists-\\x2fdev\\x2fvdz.sh")).hasContent(DracutDeviceWaits.OVER.strip());
        assertThat(calls)
                .containsExactly("daemon-reload", "reset-failed", "--job-mode=fail --no-block isolate initrd.target");
    }

    /** The exit status of dracut's check_finished sourcing {@code hook} in a subshell. */
    private static int sourced(Path hook) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "( . \"$1\" )", "sh", hook.toString())
                .inheritIO()
                .start();
        return p.waitFor();
    }
}
