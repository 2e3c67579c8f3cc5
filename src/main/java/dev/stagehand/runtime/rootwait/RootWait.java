package dev.stagehand.runtime.rootwait;

import dev.stagehand.wait.Budget;
import dev.stagehand.wait.DirWatch;
import dev.stagehand.wait.Policies;
import dev.stagehand.wait.Prompts;
import dev.stagehand.wait.Seconds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Waits for the root device with a budget that counts only time in which nothing on the root's
 * chain makes progress: the clock is held while a passphrase is asked for and while a degraded
 * policy of the chain is within its timeout, and it starts again from zero when a link of the
 * chain appears or a policy reports a device below them (docs/root-wait.md says why). Ends at
 * once when the device is there; when the budget runs out it says which link is missing. Either way it then ends the
 * unlimited device jobs it owns for devices that are not there ({@link JobRelease}).
 */
public final class RootWait {
    /** A device the root depends on, with what it is, e.g. "/dev/mapper/luks-X", "luks-X unlocked". */
    public record Link(Path path, String what) {}

    /**
     * A device waited for beside the root, with its chain: what it is called in the messages
     * ("/usr device") and what it is to the root.
     */
    record Beside(Path path, String noun, String what) {}

    private static final String USR = "the /usr file system, mount.usr=";
    private static final String UPPER = "the image root's upper layer, rd.stagehand.overlay=";
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Path device;
    private final List<Link> chain;
    private final Path askDir;
    private final Policies policies;
    private final long budgetNanos;
    private final LongSupplier clock;
    private final PrintStream out;
    private JobRelease release;
    /** Devices waited for beside the root: mount.usr='s, an image root's persistent upper layer. */
    private final List<Beside> beside = new ArrayList<>();

    /**
     * @param policies the degraded policies of the chain, read from their state files
     */
    public RootWait(
            Path device,
            List<Link> chain,
            Path askDir,
            Policies policies,
            long budgetNanos,
            LongSupplier clock,
            PrintStream out) {
        this.device = device;
        this.chain = List.copyOf(chain);
        this.askDir = askDir;
        this.policies = policies;
        this.budgetNanos = budgetNanos;
        this.clock = clock;
        this.out = out;
    }

    /** When the wait ends, absent devices' unlimited jobs are ended through release. */
    public RootWait releasing(JobRelease release) {
        this.release = release;
        return this;
    }

    /**
     * Waits for the /usr device of mount.usr= too: /usr is as much a part of the root as the
     * root device, and without it the boot fails all the same (after systemd's device timeout,
     * which counts prompts and names the device only in a cut-off unit name).
     */
    public RootWait withUsr(Path usr) {
        if (usr != null) beside.add(new Beside(usr, "/usr device", USR));
        return this;
    }

    /**
     * Waits for the persistent upper layer of an image root (rd.stagehand.overlay=DEVICE) too:
     * the overlay on /sysroot needs it as much as the image's partition.
     */
    public RootWait withUpper(Path upper) {
        if (upper != null) beside.add(new Beside(upper, "upper layer device", UPPER));
        return this;
    }

    /** True once the device exists; false when the budget ran out (after saying what is missing). */
    public boolean await() throws IOException, InterruptedException {
        if (!policies.isEmpty()) {
            try {
                Files.createDirectories(policies.dir()); // to be watched before the first policy writes
            } catch (IOException e) {
                // watched from the nearest folder above
            }
        }
        Look look = new Look(clock.getAsLong());
        Look.Outcome outcome;
        long now;
        try (DirWatch watch = new DirWatch(device)) {
            for (; ; ) {
                watch.watch(askDir);
                if (!policies.isEmpty()) watch.watchNearest(policies.dir());
                watch.watchNearest(device.getParent());
                for (Beside d : beside) watch.watchNearest(d.path().getParent());
                for (Link l : chain) watch.watchNearest(l.path().getParent());
                now = clock.getAsLong();
                outcome = look.at(now);
                if (outcome != Look.Outcome.WAITING) break;
                watch.await(look.nextLookIn(now), 0);
            }
        }
        boolean found = outcome == Look.Outcome.FOUND;
        out.println(found ? success(look.budget, now) : failure(look.budget, now, look.progress));
        out.flush();
        if (release != null) {
            List<Link> owned = new ArrayList<>(chain);
            owned.add(new Link(device, "the root file system"));
            for (Beside d : beside) owned.add(new Link(d.path(), d.what()));
            release.release(owned, found ? JobRelease.Why.ROOT_FOUND : JobRelease.Why.GAVE_UP);
        }
        if (!found)
            out.println("stagehand: going to emergency mode. Fix it there, then `systemctl default` (or reboot).");
        out.flush();
        return found;
    }

    /**
     * The budget logic of one wait, apart from the waiting (tests drive it with a clock they
     * move): each look sees whether the root is there, which links appeared (progress: the
     * budget starts again), and what holds the clock (an open prompt first, as the policies'
     * own clocks stop for prompts too; else the first policy within its timeout).
     */
    final class Look {
        enum Outcome {
            FOUND,
            EXHAUSTED,
            WAITING
        }

        final Budget budget;
        private final Set<Path> present = new HashSet<>();
        /** The last progress while waiting (a link's path, a policy's news), or null. */
        String progress;

        Look(long start) {
            budget = new Budget(budgetNanos, start);
            for (Link l : chain) if (Files.exists(l.path())) present.add(l.path());
            if (Files.exists(device)) present.add(device);
            policies.news(); // what the policies saw before the wait began is no progress of it
        }

        Outcome at(long now) {
            if (Files.exists(device) && beside.stream().allMatch(d -> Files.exists(d.path()))) return Outcome.FOUND;
            List<Path> links = new ArrayList<>();
            for (Link l : chain) links.add(l.path());
            if (!beside.isEmpty()) links.add(device); // the root is a link on the way to root and /usr
            for (Path l : links) {
                if (!present.contains(l) && Files.exists(l)) {
                    present.add(l);
                    budget.restart(now);
                    progress = l.toString();
                }
            }
            for (String news : policies.news()) { // below the links: a member of an array, a PV
                budget.restart(now);
                progress = news;
            }
            budget.hold(Prompts.open(askDir) ? Budget.PROMPTS : policies.holding(budget, now), now);
            return budget.exhausted(now) ? Outcome.EXHAUSTED : Outcome.WAITING;
        }

        /** How long to sleep at most before the next look (an event wakes it earlier). */
        long nextLookIn(long now) {
            String holder = budget.holding();
            long next = holder == null
                    ? budget.remaining(now)
                    : holder.equals(Budget.PROMPTS) ? RECHECK_NANOS : policies.leftFor(holder, budget, now);
            return Math.max(1, Math.min(RECHECK_NANOS, next));
        }
    }

    /** "root device D is there after 12.3 s (and 35.0 s of passphrase prompts)"; with progress on the way, its longest gap. */
    String success(Budget budget, long now) {
        String pauses = budget.describePauses(now);
        StringBuilder devices = new StringBuilder("root device " + device);
        for (Beside d : beside)
            devices.append(" and ").append(d.noun()).append(' ').append(d.path());
        return "stagehand: " + devices + (beside.isEmpty() ? " is" : " are") + " there after "
                + Seconds.of(budget.spentInAll(now)) + " s"
                + (pauses.isEmpty() ? "" : " (and " + pauses + ")")
                + (budget.restarts() > 0
                        ? "; the longest stretch without progress: " + Seconds.of(budget.longestStretch(now)) + " s"
                        : "");
    }

    /** The console message: the budget, then each link of the chain, present or missing. */
    String failure(Budget budget, long now, String progress) {
        StringBuilder b = new StringBuilder();
        boolean rootThere = Files.exists(device);
        String missing = "root device " + device;
        if (rootThere) {
            for (Beside d : beside) {
                if (!Files.exists(d.path())) {
                    missing = d.noun() + " " + d.path();
                    break;
                }
            }
        }
        b.append("stagehand: the ")
                .append(missing)
                .append(" did not appear within ")
                .append(Seconds.of(budget.spent(now)))
                .append(" s");
        if (progress != null) b.append(" after ").append(progress).append(" appeared");
        List<String> details = new ArrayList<>();
        if (budget.restarts() > 0) details.add(Seconds.of(budget.spentInAll(now)) + " s in all");
        String pauses = budget.describePauses(now);
        if (!pauses.isEmpty()) details.add("not counting " + pauses);
        if (!details.isEmpty())
            b.append(" (").append(String.join("; ", details)).append(")");
        b.append(".");
        boolean firstMissing = true;
        for (Link l : chain) {
            boolean there = Files.exists(l.path());
            b.append("\nstagehand:   ")
                    .append(there ? "present  " : "MISSING  ")
                    .append(l.path())
                    .append(" (")
                    .append(l.what())
                    .append(")");
            if (!there && firstMissing) {
                b.append("  <- the first missing link");
                firstMissing = false;
            }
        }
        b.append("\nstagehand:   ")
                .append(rootThere ? "present  " : "MISSING  ")
                .append(device)
                .append(" (the root file system)");
        if (!rootThere && firstMissing) {
            b.append("  <- the first missing link");
            firstMissing = false;
        }
        for (Beside d : beside) {
            boolean there = Files.exists(d.path());
            b.append("\nstagehand:   ")
                    .append(there ? "present  " : "MISSING  ")
                    .append(d.path())
                    .append(" (")
                    .append(d.what())
                    .append(")");
            if (!there && firstMissing) {
                b.append("  <- the first missing link");
                firstMissing = false;
            }
        }
        return b.toString();
    }
}
