package dev.stagehand.rootwait;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Waits for the root device with a budget that stops while a passphrase is asked for
 * (an ask.* file in systemd's ask-password folder). Woken by inotify on that folder and on
 * the device's folder (a slow re-check every few seconds guards against a missed event,
 * it does not spin). Ends at once when the device is there; when the budget runs out it
 * says which link of the chain is missing.
 */
public final class RootWait {
    /** A device the root depends on, with what it is, e.g. "/dev/mapper/luks-X", "luks-X unlocked". */
    public record Link(Path path, String what) {}

    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Path device;
    private final List<Link> chain;
    private final Path askDir;
    private final long budgetNanos;
    private final LongSupplier clock;
    private final PrintStream out;

    public RootWait(Path device, List<Link> chain, Path askDir, long budgetNanos, LongSupplier clock, PrintStream out) {
        this.device = device;
        this.chain = List.copyOf(chain);
        this.askDir = askDir;
        this.budgetNanos = budgetNanos;
        this.clock = clock;
        this.out = out;
    }

    /** True once the device exists; false when the budget ran out. */
    public boolean await() throws IOException, InterruptedException {
        Budget budget = new Budget(budgetNanos, clock.getAsLong());
        try (WatchService ws = device.getFileSystem().newWatchService()) {
            Set<Path> watched = new HashSet<>();
            for (;;) {
                watch(ws, watched, askDir);
                watch(ws, watched, deepestExisting(device.getParent()));
                long now = clock.getAsLong();
                if (Files.exists(device)) {
                    out.println("stagehand: root device " + device + " is there after " + seconds(budget.spent(now))
                            + " s" + (budget.pausedFor(now) > 0 ? " (and " + seconds(budget.pausedFor(now))
                            + " s of passphrase prompts)" : ""));
                    return true;
                }
                budget.prompting(promptOpen(), now);
                if (budget.exhausted(now)) {
                    out.println(failure(budget, now));
                    return false;
                }
                long wait = budget.isPaused() ? RECHECK_NANOS : Math.min(RECHECK_NANOS, budget.remaining(now));
                WatchKey key = ws.poll(Math.max(1, wait), TimeUnit.NANOSECONDS);
                while (key != null) {
                    key.pollEvents();
                    if (!key.reset()) watched.remove((Path) key.watchable());
                    key = ws.poll();
                }
            }
        } catch (ClosedWatchServiceException e) {
            throw new IOException("the file watch closed", e);
        }
    }

    private static void watch(WatchService ws, Set<Path> watched, Path dir) {
        if (dir == null || watched.contains(dir) || !Files.isDirectory(dir)) return;
        try {
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            watched.add(dir);
        } catch (IOException e) {
            // the periodic re-check still sees it
        }
    }

    private static Path deepestExisting(Path p) {
        while (p != null && !Files.isDirectory(p)) p = p.getParent();
        return p;
    }

    /** systemd's agents ask through files named ask.* in the ask-password folder. */
    private boolean promptOpen() {
        if (!Files.isDirectory(askDir)) return false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(askDir, "ask.*")) {
            return ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static String seconds(long nanos) {
        long tenths = nanos / 100_000_000L;
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** The console message: the budget, then each link of the chain, present or missing. */
    String failure(Budget budget, long now) {
        StringBuilder b = new StringBuilder();
        b.append("stagehand: the root device ").append(device).append(" did not appear within ")
                .append(seconds(budget.spent(now))).append(" s");
        if (budget.pausedFor(now) > 0) {
            b.append(" (not counting ").append(seconds(budget.pausedFor(now))).append(" s of passphrase prompts)");
        }
        b.append(".");
        boolean firstMissing = true;
        for (Link l : chain) {
            boolean there = Files.exists(l.path());
            b.append("\nstagehand:   ").append(there ? "present  " : "MISSING  ").append(l.path()).append(" (")
                    .append(l.what()).append(")");
            if (!there && firstMissing) {
                b.append("  <- the first missing link");
                firstMissing = false;
            }
        }
        b.append("\nstagehand:   MISSING  ").append(device).append(" (the root file system)");
        if (firstMissing) b.append("  <- the first missing link");
        b.append("\nstagehand: going to emergency mode. Fix it there, then `systemctl default` (or reboot).");
        return b.toString();
    }
}
