package dev.stagehand.rootwait;

/**
 * The root wait budget: time counts only while no passphrase prompt is open. A prompt opening
 * stops the clock, the last one closing starts it again. Times are nanoseconds of a monotonic
 * clock, passed in, so the logic is tested with a fake clock.
 */
public final class Budget {
    /** No limit: wait for the root device forever. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final long budget;
    private long spent;         // counted time up to countingSince (or up to the last pause)
    private long countingSince; // when the clock last started, or -1 while paused
    private long paused;        // prompt time seen so far

    private long pausedSince = -1;

    public Budget(long budgetNanos, long now) {
        this.budget = budgetNanos;
        this.countingSince = now;
    }

    /** A prompt opened or the last one closed. */
    public void prompting(boolean open, long now) {
        if (open && countingSince >= 0) {
            spent += now - countingSince;
            countingSince = -1;
            pausedSince = now;
        } else if (!open && countingSince < 0) {
            paused += now - pausedSince;
            pausedSince = -1;
            countingSince = now;
        }
    }

    public boolean isPaused() {
        return countingSince < 0;
    }

    /** Time counted against the budget so far. */
    public long spent(long now) {
        return spent + (countingSince >= 0 ? now - countingSince : 0);
    }

    /** Time with a prompt open so far. */
    public long pausedFor(long now) {
        return paused + (pausedSince >= 0 ? now - pausedSince : 0);
    }

    /** What is left, or UNLIMITED; never negative. */
    public long remaining(long now) {
        if (budget == UNLIMITED) return UNLIMITED;
        return Math.max(0, budget - spent(now));
    }

    public boolean exhausted(long now) {
        return budget != UNLIMITED && !isPaused() && remaining(now) == 0;
    }
}
