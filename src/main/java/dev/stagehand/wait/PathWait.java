package dev.stagehand.wait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Waits for a path (a device link) with a budget that stops while a passphrase is asked for.
 * Woken by inotify on the ask-password folder and on the path's folder; a slow re-check every
 * few seconds guards against a missed event, it does not spin. The md degraded policy's wait.
 */
public final class PathWait {
    /** How the wait ended: the path is there, or the budget ran out; the budget tells the times. */
    public record Result(boolean found, Budget budget, long now) {}

    public static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Path target;
    private final Path askDir;
    private final long budgetNanos;
    private final LongSupplier clock;
    private long recheckNanos = RECHECK_NANOS;

    public PathWait(Path target, Path askDir, long budgetNanos, LongSupplier clock) {
        this.target = target;
        this.askDir = askDir;
        this.budgetNanos = budgetNanos;
        this.clock = clock;
    }

    /**
     * Look again at least this often, on the real clock, whatever the budget's clock says. Tests
     * that drive a fake clock use it so that their seconds do not pass in real time.
     */
    public PathWait recheckEvery(long nanos) {
        this.recheckNanos = Math.max(1, nanos);
        return this;
    }

    public Result await() throws IOException, InterruptedException {
        Budget budget = new Budget(budgetNanos, clock.getAsLong());
        try (DirWatch watch = new DirWatch(target)) {
            for (; ; ) {
                watch.watch(askDir);
                watch.watchNearest(target.getParent());
                long now = clock.getAsLong();
                if (Files.exists(target)) return new Result(true, budget, now);
                budget.prompting(Prompts.open(askDir), now);
                if (budget.exhausted(now)) return new Result(false, budget, now);
                watch.await(budget.isPaused() ? recheckNanos : Math.min(recheckNanos, budget.remaining(now)), 0);
            }
        }
    }
}
