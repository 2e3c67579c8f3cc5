package dev.stagehand.fsck;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a check's output goes. fsck's progress lines ("PASS CUR MAX DEVICE", from -C) go to the
 * console as systemd-fsck shows them, "\rDEVICE: fsck 42.0% complete...\r", but never while a
 * passphrase prompt is open: a progress line written into the prompt breaks it (systemd issue
 * 5123). Then the journal gets one line per 10 % instead. Every other line is fsck's own
 * output and goes to the journal, as under systemd-fsck.
 */
final class FsckProgress {
    private static final Pattern PROGRESS = Pattern.compile("(-?[0-9]+) ([0-9]+) ([0-9]+) (\\S+)");
    /** systemd-fsck updates the console at most every 50 ms. */
    private static final long CONSOLE_EVERY_NANOS = 50_000_000L;

    private final BooleanSupplier promptOpen;
    private final LongSupplier clock;
    private final Consumer<String> console; // null: no progress on the console (no show-status, or no console)
    private final PrintStream journal;
    private long lastConsole = Long.MIN_VALUE;
    private int widest;
    private int journalTenth = -1;
    private boolean quieted;

    /**
     * @param console    writes text to the console, or null when systemd would show no progress there
     * @param journal    the unit's standard output
     */
    FsckProgress(BooleanSupplier promptOpen, LongSupplier clock, Consumer<String> console, PrintStream journal) {
        this.promptOpen = promptOpen;
        this.clock = clock;
        this.console = console;
        this.journal = journal;
    }

    /** One line of fsck's standard output. */
    void line(String line) {
        Matcher m = PROGRESS.matcher(line.strip());
        if (!m.matches()) {
            journal.println(line);
            return;
        }
        double p = percent(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
        String device = m.group(4);
        if (promptOpen.getAsBoolean()) {
            quieted = true;
            int tenth = (int) (p / 10);
            if (tenth > journalTenth) {
                journalTenth = tenth;
                journal.println(device + ": fsck " + String.format(Locale.ROOT, "%.1f", p)
                        + "% complete (kept off the console: a passphrase is being asked)");
            }
            return;
        }
        if (console == null) return;
        long now = clock.getAsLong();
        if (lastConsole != Long.MIN_VALUE && now - lastConsole < CONSOLE_EVERY_NANOS) return;
        lastConsole = now;
        String text = "\r" + device + ": fsck " + String.format(Locale.ROOT, "%3.1f", p) + "% complete...\r";
        widest = Math.max(widest, text.length());
        console.accept(text);
    }

    /** The check ended: the progress line is blanked, as systemd-fsck does, unless a prompt owns the console now. */
    void end() {
        if (console != null && widest > 0 && !promptOpen.getAsBoolean())
            console.accept("\r" + " ".repeat(widest) + "\r");
    }

    /** True when progress was kept off the console for a prompt: the console then gets a summary. */
    boolean quieted() {
        return quieted;
    }

    /** systemd-fsck's percent(), from e2fsck's own table of passes. */
    static double percent(int pass, long cur, long max) {
        int[] table = {0, 70, 90, 92, 95, 100};
        if (pass <= 0) return 0.0;
        if (pass >= table.length || max == 0) return 100.0;
        return table[pass - 1] + (double) (table[pass] - table[pass - 1]) * cur / max;
    }
}
