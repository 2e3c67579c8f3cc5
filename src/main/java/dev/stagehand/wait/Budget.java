package dev.stagehand.wait;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A wait's budget: time counts only while nothing holds the clock. The caller says at each
 * look what holds it (a reason such as "passphrase prompts", or null: the clock runs); the time
 * since the previous look goes to what held the clock then. {@link #restart} starts the count
 * again from zero (the root wait does so when a link of its chain appears: the budget is the
 * longest stretch without progress). Times are nanoseconds of a monotonic clock, passed in, so
 * the logic is tested with a clock the test moves.
 */
public final class Budget {
    /** No limit: wait forever. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** The reason that holds every stagehand wait: systemd's agents are asking for a passphrase. */
    public static final String PROMPTS = "passphrase prompts";

    private final long budget;
    private long at; // the time of the last look
    private String holding; // what holds the clock since `at`, or null while it runs
    private long counted; // counted since the last restart, up to `at`
    private long countedBefore; // counted before the last restart
    private long longest; // the longest counted stretch that ended in a restart
    private int restarts;
    private final Map<String, Long> held = new LinkedHashMap<>(); // per reason, up to `at`

    public Budget(long budgetNanos, long now) {
        this.budget = budgetNanos;
        this.at = now;
    }

    /** From now on the clock is held by {@code reason} (null: it runs). */
    public void hold(String reason, long now) {
        advance(now);
        holding = reason;
    }

    /** A prompt opened (held) or the last one closed (runs). */
    public void prompting(boolean open, long now) {
        hold(open ? PROMPTS : null, now);
    }

    /** Progress: what was counted so far no longer counts against the budget. */
    public void restart(long now) {
        advance(now);
        longest = Math.max(longest, counted);
        countedBefore += counted;
        counted = 0;
        restarts++;
    }

    private void advance(long now) {
        long d = Math.max(0, now - at);
        if (holding == null) counted += d;
        else held.merge(holding, d, Long::sum);
        at = Math.max(at, now);
    }

    private long since(long now) {
        return Math.max(0, now - at);
    }

    public boolean isPaused() {
        return holding != null;
    }

    /** What holds the clock now, or null. */
    public String holding() {
        return holding;
    }

    /** Time counted against the budget since the last restart. */
    public long spent(long now) {
        return counted + (holding == null ? since(now) : 0);
    }

    /** Time counted in all, across restarts. */
    public long spentInAll(long now) {
        return countedBefore + spent(now);
    }

    /** The longest counted stretch without progress so far (the budget is measured against it). */
    public long longestStretch(long now) {
        return Math.max(longest, spent(now));
    }

    public int restarts() {
        return restarts;
    }

    /** Time the clock was held so far, in all. */
    public long pausedFor(long now) {
        long sum = 0;
        for (long v : pauses(now).values()) sum += v;
        return sum;
    }

    /** Time the clock was held so far, per reason, in the order the reasons first held it. */
    public Map<String, Long> pauses(long now) {
        Map<String, Long> m = new LinkedHashMap<>(held);
        if (holding != null) m.merge(holding, since(now), Long::sum);
        return m;
    }

    /** Time held so far by one reason. */
    public long heldBy(String reason, long now) {
        return held.getOrDefault(reason, 0L) + (reason.equals(holding) ? since(now) : 0);
    }

    /** What is left, or UNLIMITED; never negative. */
    public long remaining(long now) {
        if (budget == UNLIMITED) return UNLIMITED;
        return Math.max(0, budget - spent(now));
    }

    public boolean exhausted(long now) {
        return budget != UNLIMITED && !isPaused() && remaining(now) == 0;
    }

    /** "12.3 s of passphrase prompts, 8.0 s of md/root's degraded timeout", or "" when nothing held the clock. */
    public String describePauses(long now) {
        StringBuilder b = new StringBuilder();
        pauses(now).forEach((reason, t) -> {
            if (t <= 0) return;
            b.append(b.isEmpty() ? "" : ", ")
                    .append(Seconds.of(t))
                    .append(" s of ")
                    .append(reason);
        });
        return b.toString();
    }
}
