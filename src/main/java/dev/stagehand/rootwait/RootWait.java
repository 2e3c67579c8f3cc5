package dev.stagehand.rootwait;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Waits for the root device (PathWait: a budget that stops while a passphrase is asked for).
 * Ends at once when the device is there; when the budget runs out it says which link of the
 * chain is missing.
 */
public final class RootWait {
    /** A device the root depends on, with what it is, e.g. "/dev/mapper/luks-X", "luks-X unlocked". */
    public record Link(Path path, String what) {}

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

    /** True once the device exists; false when the budget ran out (after saying what is missing). */
    public boolean await() throws IOException, InterruptedException {
        PathWait.Result r = new PathWait(device, askDir, budgetNanos, clock).await();
        Budget budget = r.budget();
        long now = r.now();
        if (r.found()) {
            out.println("stagehand: root device " + device + " is there after " + seconds(budget.spent(now))
                    + " s" + (budget.pausedFor(now) > 0 ? " (and " + seconds(budget.pausedFor(now))
                    + " s of passphrase prompts)" : ""));
            return true;
        }
        out.println(failure(budget, now));
        return false;
    }

    private static String seconds(long nanos) {
        return PathWait.seconds(nanos);
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
