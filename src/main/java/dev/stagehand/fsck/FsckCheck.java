package dev.stagehand.fsck;

import dev.stagehand.wait.Seconds;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * `stagehand fsck DEVICE`: what systemd-fsck does for a device (fsck -a|-y|-n -T -l -M [-f], its
 * exit status read the same way), with fsck's progress kept off the console while a passphrase
 * prompt is open ({@link FsckProgress}). A check that ran beside a prompt ends with one line on
 * the console: at once when the prompt is closed by then, else from the root wait, which ends
 * after the prompt ({@link FsckSummaries}).
 */
public final class FsckCheck {
    /** fsck's exit status bits (fsck(8)). */
    static final int CORRECTED = 1, REBOOT = 2, LEFT_UNCORRECTED = 4;

    /** Runs fsck with these arguments, each line of its standard output to the consumer; its exit status. */
    public interface Fsck {
        int run(List<String> args, Consumer<String> stdoutLine) throws IOException, InterruptedException;
    }

    /** The boot's side effects, apart from fsck itself. */
    public interface Host {
        boolean promptOpen();

        /** Writes text to the console; false when there is none. */
        boolean console(String text);

        /** systemd shows status on the console (/run/systemd/show-status): so does fsck's progress. */
        boolean showStatus();

        /** fsck corrected errors: /run/systemd/quotacheck, as systemd-fsck leaves it. */
        void corrected();

        /** The root wait prints this line after the prompt. */
        void summaryAfterPrompt(String device, String line);
    }

    private final FsckSettings settings;
    private final Fsck fsck;
    private final Host host;
    private final LongSupplier clock;
    private final PrintStream journal;

    public FsckCheck(FsckSettings settings, Fsck fsck, Host host, LongSupplier clock, PrintStream journal) {
        this.settings = settings;
        this.fsck = fsck;
        this.host = host;
        this.clock = clock;
        this.journal = journal;
    }

    /** The check of {@code device}: exit 0, or 1 when errors were left (the mount then fails, as under systemd-fsck). */
    public int check(String device) throws IOException, InterruptedException {
        if (settings.mode() == FsckSettings.Mode.SKIP) return 0;
        List<String> args = new ArrayList<>(List.of(settings.repair().option, "-T", "-l", "-M"));
        if (settings.mode() == FsckSettings.Mode.FORCE) args.add("-f");
        // progress lines on fsck's standard output, told apart from its other output by their form
        args.add("-C1");
        args.add(device);
        BooleanSupplier prompt = host::promptOpen;
        Consumer<String> console = host.showStatus() ? host::console : null;
        FsckProgress progress = new FsckProgress(prompt, clock, console, journal);
        long start = clock.getAsLong();
        int rc = fsck.run(args, progress::line);
        progress.end();
        if ((rc & ~CORRECTED) != 0) {
            journal.println("fsck failed with exit status " + rc + ".");
            if ((rc & (REBOOT | LEFT_UNCORRECTED)) == 0) journal.println("Ignoring error.");
        }
        if ((rc & CORRECTED) != 0) host.corrected();
        if (progress.quieted()) {
            String line = summary(device, rc, clock.getAsLong() - start);
            journal.println(line);
            if (host.promptOpen()) host.summaryAfterPrompt(device, line);
            else host.console(line + "\n");
        }
        journal.flush();
        return (rc & (REBOOT | LEFT_UNCORRECTED)) != 0 ? 1 : 0;
    }

    static String summary(String device, int rc, long nanos) {
        String result = rc == 0
                ? "clean"
                : rc == CORRECTED
                        ? "errors corrected"
                        : "fsck failed with exit status " + rc + " (journalctl -b for its output)";
        return "stagehand: checked " + device + " while a passphrase was asked: " + result + " (" + Seconds.of(nanos)
                + " s)";
    }
}
