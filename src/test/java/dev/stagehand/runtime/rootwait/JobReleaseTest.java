package dev.stagehand.runtime.rootwait;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unlimited jobs the root wait owns are cancelled when it ends, for devices that are not there, and only those. */
class JobReleaseTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, String> shown = new HashMap<>();
    private final List<Long> cancelled = new ArrayList<>();
    private int cancelStatus = 0;

    private final JobRelease.Systemd systemd = new JobRelease.Systemd() {
        @Override
        public String show(String unit) throws IOException {
            if (unit.contains("broken")) throw new IOException("systemctl show exit status 1");
            return shown.getOrDefault(
                    unit, "Job=\nJobTimeoutUSec=infinity\nJobRunningTimeoutUSec=infinity\nDropInPaths=\n");
        }

        @Override
        public int cancel(long job) {
            cancelled.add(job);
            return cancelStatus;
        }
    };

    private static String ours(long job) {
        return "Job=" + job + "\nJobTimeoutUSec=infinity\nJobRunningTimeoutUSec=infinity\n"
                + "DropInPaths=/run/systemd/generator/x.device.d/timeout.conf /run/systemd/generator/x.device.d/zz-stagehand-rootwait.conf\n";
    }

    @Test
    void theRootIsThereAndAnotherVolumeIsNot() throws Exception {
        Path present = dir.resolve("present");
        Files.writeString(present, "");
        shown.put("dev-disk-by\\x2duuid-aaaa.device", ours(77));
        shown.put("dev-disk-by\\x2duuid-bbbb.device", ours(78)); // there: not touched even with a job
        new JobRelease(systemd, new PrintStream(out, true))
                .release(
                        List.of(
                                new RootWait.Link(Path.of("/dev/disk/by-uuid/aaaa"), "encrypted source of luks-aaaa"),
                                new RootWait.Link(present, "the root file system")),
                        JobRelease.Why.ROOT_FOUND);
        assertThat(cancelled).containsExactly(77L);
        assertThat(out.toString())
                .isEqualTo(
                        "stagehand: stopped waiting for /dev/disk/by-uuid/aaaa (encrypted source of luks-aaaa): "
                                + "the root is there without it; cancelled start job 77 of dev-disk-by\\x2duuid-aaaa.device, which had no time limit\n");
    }

    @Test
    void dropInPathsAsSystemctlQuotesThem() throws Exception {
        // systemd 252's systemctl show, as printed in a boot of rootwait-missing-root
        shown.put(
                "dev-disk-by\\x2duuid-deadbeef.device",
                "Job=37\nJobTimeoutUSec=infinity\nJobRunningTimeoutUSec=infinity\n"
                        + "DropInPaths=\"/run/systemd/generator/dev-disk-by\\\\x2duuid-deadbeef.device.d/timeout.conf\" "
                        + "\"/run/systemd/generator/dev-disk-by\\\\x2duuid-deadbeef.device.d/zz-stagehand-rootwait.conf\"\n");
        new JobRelease(systemd, new PrintStream(out, true))
                .release(
                        List.of(new RootWait.Link(Path.of("/dev/disk/by-uuid/deadbeef"), "the root file system")),
                        JobRelease.Why.GAVE_UP);
        assertThat(cancelled).containsExactly(37L);
    }

    @Test
    void aJobWithALimitOrWithoutOurDropInIsSystemds() throws Exception {
        shown.put(
                "dev-mapper-a.device",
                "Job=5\nJobTimeoutUSec=1min 30s\nJobRunningTimeoutUSec=infinity\n"
                        + "DropInPaths=/run/systemd/generator/x.device.d/zz-stagehand-rootwait.conf\n");
        shown.put(
                "dev-mapper-b.device",
                "Job=6\nJobTimeoutUSec=infinity\nJobRunningTimeoutUSec=infinity\n"
                        + "DropInPaths=/run/systemd/generator/x.device.d/40-device-timeout.conf\n");
        shown.put(
                "dev-mapper-c.device",
                "JobTimeoutUSec=infinity\nJobRunningTimeoutUSec=infinity\n"
                        + "DropInPaths=/run/systemd/generator/x.device.d/zz-stagehand-rootwait.conf\n"); // no job
        new JobRelease(systemd, new PrintStream(out, true))
                .release(
                        List.of(
                                new RootWait.Link(Path.of("/dev/mapper/a"), "a"),
                                new RootWait.Link(Path.of("/dev/mapper/b"), "b"),
                                new RootWait.Link(Path.of("/dev/mapper/c"), "c")),
                        JobRelease.Why.GAVE_UP);
        assertThat(cancelled).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void whenTheRootWaitGivesUpTheRootsOwnJobEndsToo() throws Exception {
        shown.put("dev-disk-by\\x2duuid-root.device", ours(12));
        new JobRelease(systemd, new PrintStream(out, true))
                .release(
                        List.of(new RootWait.Link(Path.of("/dev/disk/by-uuid/root"), "the root file system")),
                        JobRelease.Why.GAVE_UP);
        assertThat(cancelled).containsExactly(12L);
        assertThat(out.toString())
                .contains("stopped waiting for /dev/disk/by-uuid/root (the root file system): the root wait gave up;");
    }

    @Test
    void aCancelThatFailsIsSaidWithWhatToType() throws Exception {
        shown.put("dev-mapper-a.device", ours(9));
        cancelStatus = 1;
        new JobRelease(systemd, new PrintStream(out, true))
                .release(
                        List.of(
                                new RootWait.Link(Path.of("/dev/mapper/a"), "a unlocked"),
                                new RootWait.Link(Path.of("/dev/mapper/broken"), "x")),
                        JobRelease.Why.ROOT_FOUND);
        assertThat(out.toString())
                .contains("could not cancel start job 9 of dev-mapper-a.device (a unlocked; systemctl cancel: "
                        + "exit status 1); it waits without limit: `systemctl cancel 9`")
                .contains("cannot ask systemd about dev-mapper-broken.device (systemctl show exit status 1)");
    }
}
