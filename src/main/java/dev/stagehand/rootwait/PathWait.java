package dev.stagehand.rootwait;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Waits for a path (a device link) with a budget that stops while a passphrase is asked for
 * (an ask.* file in systemd's ask-password folder). Woken by inotify on that folder and on
 * the path's folder; a slow re-check every few seconds guards against a missed event, it does
 * not spin. Used by the root wait and by the md degraded policy.
 */
public final class PathWait {
    /** How the wait ended: the path is there, or the budget ran out; the budget tells the times. */
    public record Result(boolean found, Budget budget, long now) {}

    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Path target;
    private final Path askDir;
    private final long budgetNanos;
    private final LongSupplier clock;

    public PathWait(Path target, Path askDir, long budgetNanos, LongSupplier clock) {
        this.target = target;
        this.askDir = askDir;
        this.budgetNanos = budgetNanos;
        this.clock = clock;
    }

    public Result await() throws IOException, InterruptedException {
        Budget budget = new Budget(budgetNanos, clock.getAsLong());
        try (WatchService ws = target.getFileSystem().newWatchService()) {
            Set<Path> watched = new HashSet<>();
            for (;;) {
                watch(ws, watched, askDir);
                watch(ws, watched, deepestExisting(target.getParent()));
                long now = clock.getAsLong();
                if (Files.exists(target)) return new Result(true, budget, now);
                budget.prompting(promptOpen(askDir), now);
                if (budget.exhausted(now)) return new Result(false, budget, now);
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
    static boolean promptOpen(Path askDir) {
        if (!Files.isDirectory(askDir)) return false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(askDir, "ask.*")) {
            return ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Nanoseconds as seconds with one decimal, for console messages. */
    public static String seconds(long nanos) {
        long tenths = nanos / 100_000_000L;
        return (tenths / 10) + "." + (tenths % 10);
    }
}
