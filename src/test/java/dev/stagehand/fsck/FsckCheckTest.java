package dev.stagehand.fsck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.input.KernelCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check with a fake fsck, a fake console and a prompt the test opens and closes. */
class FsckCheckTest {
    private static final long MS = 1_000_000L;

    private final AtomicBoolean prompt = new AtomicBoolean();
    private final AtomicLong clock = new AtomicLong();
    private final List<String> console = new ArrayList<>();
    private final List<String> kept = new ArrayList<>();
    private final ByteArrayOutputStream journalBytes = new ByteArrayOutputStream();
    private final PrintStream journal = new PrintStream(journalBytes, true, StandardCharsets.UTF_8);
    private boolean corrected;

    private final FsckCheck.Host host = new FsckCheck.Host() {
        @Override
        public boolean promptOpen() {
            return prompt.get();
        }

        @Override
        public boolean console(String text) {
            console.add(text);
            return true;
        }

        @Override
        public boolean showStatus() {
            return true;
        }

        @Override
        public void corrected() {
            corrected = true;
        }

        @Override
        public void summaryAfterPrompt(String device, String line) {
            kept.add(line);
        }
    };

    private String journal() {
        return journalBytes.toString(StandardCharsets.UTF_8);
    }

    /** A fake fsck: its output lines, 100 ms apart, then the exit status; records its arguments. */
    private FsckCheck.Fsck fsck(List<String> seenArgs, int rc, String... lines) {
        return (args, out) -> {
            seenArgs.addAll(args);
            for (String l : lines) {
                clock.addAndGet(100 * MS);
                out.accept(l);
            }
            return rc;
        };
    }

    private static FsckSettings settings(String cmdline) {
        return FsckSettings.parse(new KernelCommandLine(cmdline, true), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void withoutPromptProgressGoesToTheConsoleAsSystemdShowsIt() throws Exception {
        List<String> args = new ArrayList<>();
        int rc = new FsckCheck(
                        settings(""),
                        fsck(
                                args,
                                0,
                                "fsck from util-linux 2.38.1",
                                "1 50 100 /dev/vdb",
                                "/dev/vdb: clean, 11/2048 files"),
                        host,
                        clock::get,
                        journal)
                .check("/dev/vdb");
        assertThat(rc).isZero();
        assertThat(args).containsExactly("-a", "-T", "-l", "-M", "-C1", "/dev/vdb");
        assertThat(console)
                .containsExactly(
                        "\r/dev/vdb: fsck 35.0% complete...\r",
                        "\r" + " ".repeat("\r/dev/vdb: fsck 35.0% complete...\r".length()) + "\r");
        assertThat(journal())
                .contains("fsck from util-linux", "/dev/vdb: clean")
                .doesNotContain("complete");
        assertThat(kept).isEmpty();
    }

    @Test
    void whilePromptIsOpenNothingReachesTheConsoleAndTheResultWaitsForTheRootWait() throws Exception {
        prompt.set(true);
        int rc = new FsckCheck(
                        settings("fsck.mode=force"),
                        fsck(
                                new ArrayList<>(),
                                0,
                                "1 10 100 /dev/vdb",
                                "1 12 100 /dev/vdb",
                                "2 50 100 /dev/vdb",
                                "5 100 100 /dev/vdb"),
                        host,
                        clock::get,
                        journal)
                .check("/dev/vdb");
        assertThat(rc).isZero();
        assertThat(console).isEmpty();
        // one journal line per 10 %: 7 % and 8.4 % share the first tenth
        assertThat(journal())
                .contains(
                        "/dev/vdb: fsck 7.0% complete (kept off the console",
                        "/dev/vdb: fsck 80.0% complete", "/dev/vdb: fsck 100.0% complete")
                .doesNotContain("8.4%");
        assertThat(kept).containsExactly("stagehand: checked /dev/vdb while a passphrase was asked: clean (0.4 s)");
    }

    @Test
    void promptClosedBeforeTheEndTheSummaryGoesStraightToTheConsole() throws Exception {
        prompt.set(true);
        FsckCheck.Fsck f = (args, out) -> {
            out.accept("1 10 100 /dev/vdb");
            prompt.set(false); // the passphrase was typed
            clock.addAndGet(200 * MS);
            out.accept("1 90 100 /dev/vdb");
            return 1;
        };
        int rc = new FsckCheck(settings(""), f, host, clock::get, journal).check("/dev/vdb");
        assertThat(rc).isZero();
        assertThat(corrected).isTrue();
        assertThat(kept).isEmpty();
        assertThat(console).hasSize(3);
        assertThat(console.get(0)).isEqualTo("\r/dev/vdb: fsck 63.0% complete...\r");
        assertThat(console.get(2))
                .isEqualTo("stagehand: checked /dev/vdb while a passphrase was asked: errors corrected (0.2 s)\n");
    }

    @Test
    void exitStatusAsSystemdFsckReadsIt() throws Exception {
        assertThat(new FsckCheck(settings(""), fsck(new ArrayList<>(), 4), host, clock::get, journal).check("/dev/vdb"))
                .isEqualTo(1);
        assertThat(journal()).contains("fsck failed with exit status 4.").doesNotContain("Ignoring error.");
        assertThat(new FsckCheck(settings(""), fsck(new ArrayList<>(), 8), host, clock::get, journal).check("/dev/vdb"))
                .isZero();
        assertThat(journal()).contains("fsck failed with exit status 8.", "Ignoring error.");
    }

    @Test
    void skipRunsNothingAndRepairAndForceBecomeOptions() throws Exception {
        List<String> args = new ArrayList<>();
        assertThat(new FsckCheck(settings("fsck.mode=skip"), fsck(args, 4), host, clock::get, journal)
                        .check("/dev/vdb"))
                .isZero();
        assertThat(args).isEmpty();
        new FsckCheck(settings("fastboot rd.fsck.repair=yes forcefsck"), fsck(args, 0), host, clock::get, journal)
                .check("/dev/vdc");
        assertThat(args).containsExactly("-y", "-T", "-l", "-M", "-f", "-C1", "/dev/vdc");
    }

    @Test
    void badSettingsAreReportedAndIgnored() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        FsckSettings s = FsckSettings.parse(
                new KernelCommandLine("fsck.mode=force fsck.mode=sometimes fsck.repair=maybe", true),
                new PrintStream(b, true, StandardCharsets.UTF_8));
        assertThat(s).isEqualTo(new FsckSettings(FsckSettings.Mode.FORCE, FsckSettings.Repair.PREEN));
        assertThat(b.toString(StandardCharsets.UTF_8))
                .contains(
                        "Invalid fsck.mode= parameter, ignoring: sometimes",
                        "Invalid fsck.repair= parameter, ignoring: maybe");
    }

    @Test
    void keptSummariesArePrintedOnceInOrder(@TempDir Path dir) throws Exception {
        FsckSummaries.keep(dir, "/dev/vdc", "second");
        FsckSummaries.keep(dir, "/dev/disk/by-uuid/7a", "first");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        FsckSummaries.print(dir, new PrintStream(b, true, StandardCharsets.UTF_8));
        assertThat(b.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
