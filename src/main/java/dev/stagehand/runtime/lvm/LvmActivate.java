package dev.stagehand.runtime.lvm;

import dev.stagehand.wait.Budget;
import dev.stagehand.wait.DirWatch;
import dev.stagehand.wait.PolicyAnnouncer;
import dev.stagehand.wait.Prompts;
import dev.stagehand.wait.Seconds;
import dev.stagehand.wait.ToolOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Activates one volume group's wanted LVs (stagehand-lvm-activate@VG.service). lvm finds the
 * physical volumes by scanning (with the initrd's lvm.conf filters), so this asks lvm how many
 * PVs the group has and how many are missing, again whenever a device node appears in /dev
 * (and every few seconds). With all present it activates with `--activationmode complete`.
 * The timeout starts with the first PV (LVM is usually the top of the stack: the md and LUKS
 * layers below take their own time first) and stops while a passphrase is asked for; when it
 * runs out with PVs missing, policy auto activates with `--activationmode degraded` (RAID LVs
 * that still hold all their data come up degraded, nothing else), policy never waits on.
 * After a degraded activation it stays until every PV is back or the initrd ends (switch-root
 * stops the service) and then refreshes the LVs it activated, which takes the returning legs of
 * RAID LVs back in (lvmraid(7), "Refreshing an LV").
 */
public final class LvmActivate {
    /** How to reach lvm. Replaced in tests. */
    public interface Host {
        /** `lvm ARGS`: exit status and standard output. */
        ToolOutput lvm(List<String> args) throws IOException, InterruptedException;
    }

    /** pvs: the group's PV count (0: lvm does not see the group yet); missing: how many of them lvm cannot find. */
    record State(int pvs, int missing) {
        boolean seen() {
            return pvs > 0;
        }
    }

    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** After a device event: let udev finish with a new device (blkid, its symlinks) before lvm scans. */
    private static final long SETTLE_MILLIS = 200;
    /** No lvm hints: a hint file written while a PV was missing must not hide it when it comes. */
    static final List<String> NO_HINTS = List.of("--config", "devices { hints = \"none\" }");

    private final String vg;
    private final List<String> lvs;
    private final String policy;
    private final long timeoutNanos;
    private final Path dev;
    private final Path askDir;
    private final Host lvm;
    private final LongSupplier clock;
    private final PrintStream out;
    /** How often lvm is asked again without a device event (shorter in tests). */
    long recheckNanos = RECHECK_NANOS;

    private PolicyAnnouncer announcer = PolicyAnnouncer.NONE;

    public LvmActivate(
            String vg,
            List<String> lvs,
            String policy,
            long timeoutNanos,
            Path dev,
            Path askDir,
            Host lvm,
            LongSupplier clock,
            PrintStream out) {
        this.vg = vg;
        this.lvs = List.copyOf(lvs);
        this.policy = policy;
        this.timeoutNanos = timeoutNanos;
        this.dev = dev;
        this.askDir = askDir;
        this.lvm = lvm;
        this.clock = clock;
        this.out = out;
    }

    /** Tells the root wait while the timeout runs (from the first PV on), and when it is over. */
    public LvmActivate announcing(PolicyAnnouncer a) {
        this.announcer = a;
        return this;
    }

    /** What the root wait's console line calls this policy's timeout. */
    public String timeoutName() {
        return label() + "'s degraded timeout";
    }

    /** 0 once activated (or, policy never, never); 1 when lvm failed to activate. */
    public int run() throws IOException, InterruptedException {
        try (DirWatch watch = new DirWatch(dev)) {
            watch.watch(dev);
            watch.watch(askDir);
            State s = state();
            while (!s.seen()) { // no budget before the first PV: the layers below time themselves
                watch.await(recheckNanos, SETTLE_MILLIS);
                s = state();
            }
            Budget budget = new Budget(timeoutNanos, clock.getAsLong());
            announcer.waiting();
            announcer.progress(pvNews(s));
            try {
                return decide(watch, s, budget);
            } finally {
                announcer.decided();
            }
        }
    }

    /** From the first PV on: activates complete when all are there, else as the policy says when the timeout runs out. */
    private int decide(DirWatch watch, State first, Budget budget) throws IOException, InterruptedException {
        State s = first;
        int found = first.pvs() - first.missing(); // PVs lvm found so far
        boolean saidNever = false;
        for (; ; ) {
            long now = clock.getAsLong();
            if (s.missing() == 0) return activate("complete", s, budget, now);
            if (s.pvs() - s.missing() > found) {
                announcer.progress(pvNews(s)); // another PV: the root wait sees no link of it
                found = s.pvs() - s.missing();
            }
            budget.prompting(Prompts.open(askDir), now);
            if (budget.exhausted(now)) {
                if (policy.equals("auto")) {
                    announcer.decided();
                    if (activate("degraded", s, budget, now) != 0) {
                        // lvm activates only RAID LVs that hold all their data degraded and
                        // fails the command for the rest (a linear LV on the missing PV):
                        // the RAID LVs may be up, the others come up with the PVs
                        say(label() + ": the LVs lvm could not activate degraded stay inactive until every PV is back");
                    }
                    return takeBack(watch, s);
                }
                if (!saidNever) {
                    announcer.decided();
                    say(
                            label() + " is missing " + s.missing() + " of " + s.pvs() + " PVs after "
                                    + Seconds.of(budget.spent(now))
                                    + " s; not activated degraded (policy never). The root wait gives up if the root needs it.");
                    saidNever = true;
                }
            }
            watch.watch(askDir);
            watch.await(
                    budget.isPaused() || saidNever
                            ? recheckNanos
                            : Math.max(1, Math.min(recheckNanos, budget.remaining(now))),
                    SETTLE_MILLIS);
            s = state();
        }
    }

    private int activate(String mode, State s, Budget budget, long now) throws IOException, InterruptedException {
        List<String> args = activateArgs(mode);
        ToolOutput r = lvm.lvm(args);
        String pauses = budget.describePauses(now);
        String after =
                Seconds.of(budget.spent(now)) + " s" + (pauses.isEmpty() ? "" : " (not counting " + pauses + ")");
        if (r.status() != 0) {
            say(label() + ": lvm " + String.join(" ", args) + " failed (exit status " + r.status() + ")");
            return 1;
        }
        if (mode.equals("complete")) {
            say(label() + ": all " + s.pvs() + " PVs present, " + after + " after the first; activated " + wanted());
        } else {
            say(label() + " is missing " + s.missing() + " of " + s.pvs() + " PVs after " + after + "; activated "
                    + wanted() + " degraded (policy auto). A PV that comes back is taken back in.");
        }
        return 0;
    }

    /** `lvchange -ay` of the wanted LVs, or `vgchange -ay` of the group for rd.lvm.vg=, in activation mode {@code mode}. */
    List<String> activateArgs(String mode) {
        List<String> args = new ArrayList<>();
        if (lvs.isEmpty()) {
            args.addAll(List.of("vgchange", "-ay", "--sysinit", "--activationmode", mode));
            args.addAll(NO_HINTS);
            args.add(vg);
        } else {
            // -K: as dracut's lvm_scan, also LVs flagged to be skipped by autoactivation
            args.addAll(List.of("lvchange", "-ay", "--sysinit", "--yes", "-K", "--activationmode", mode));
            args.addAll(NO_HINTS);
            for (String lv : lvs) args.add(vg + "/" + lv);
        }
        return args;
    }

    /**
     * After the degraded activation: waits until lvm finds every PV of the group again, then
     * refreshes the activated LVs. A RAID LV activated without a PV runs with that leg replaced
     * by an error mapping and keeps doing so when the PV returns ("refresh needed" in lvs); a
     * refresh reloads it with the returning leg, which resyncs (lvmraid(7), "Refreshing an
     * LV"). lvm refuses to refresh an LV that still misses a PV (lv_refresh: "Refusing refresh
     * of partial LV" outside --activationmode partial), so nothing happens until all are back.
     * Before that it activates the wanted LVs in complete mode: degraded mode activates only RAID
     * LVs, so a linear LV on the missing PV was left inactive (lvm failed that activation).
     * 0 when both worked, 1 when lvm failed; runs until stopped while a PV stays missing.
     */
    int takeBack(DirWatch watch, State degraded) throws IOException, InterruptedException {
        long since = clock.getAsLong();
        State s = degraded;
        while (!s.seen() || s.missing() > 0) {
            watch.await(recheckNanos, SETTLE_MILLIS);
            s = state();
        }
        String back = label() + ": all " + s.pvs() + " PVs are back "
                + Seconds.of(Math.max(0, clock.getAsLong() - since)) + " s after the degraded activation; ";
        // first what degraded mode left inactive (lvm activates nothing but RAID LVs degraded;
        // for the LVs already active this changes nothing), so that the refresh finds them all
        // active; then the refresh
        List<String> complete = activateArgs("complete");
        ToolOutput r = lvm.lvm(complete);
        if (r.status() != 0) {
            say(back + "lvm " + String.join(" ", complete) + " failed (exit status " + r.status() + ")");
            return 1;
        }
        List<String> refresh = refreshArgs();
        r = lvm.lvm(refresh);
        if (r.status() != 0) {
            say(back + "lvm " + String.join(" ", refresh) + " failed (exit status " + r.status() + ")");
            return 1;
        }
        say(
                back + "refreshed " + wanted()
                        + " (the returning RAID legs resync), after a complete activation for what degraded mode left inactive");
        return 0;
    }

    /**
     * `lvchange --refresh` of the activated LVs (the whole group for rd.lvm.vg=). As the
     * activation's --sysinit (not accepted with --refresh): no background polling, no dmeventd.
     */
    List<String> refreshArgs() {
        List<String> args = new ArrayList<>(List.of(
                "lvchange",
                "--refresh",
                "--poll",
                "n",
                "--config",
                "devices { hints = \"none\" } activation { monitoring = 0 }"));
        if (lvs.isEmpty()) {
            args.add(vg);
        } else {
            for (String lv : lvs) args.add(vg + "/" + lv);
        }
        return args;
    }

    /** What lvm knows of the group: `vgs -o pv_count,vg_missing_pv_count`; not seen when it fails. */
    State state() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(
                List.of("vgs", "--noheadings", "--nosuffix", "--nolocking", "-o", "pv_count,vg_missing_pv_count"));
        args.addAll(NO_HINTS);
        args.add(vg);
        ToolOutput r = lvm.lvm(args);
        if (r.status() != 0) return new State(0, 0);
        String[] f = r.out().strip().split("\\s+");
        if (f.length != 2) return new State(0, 0);
        try {
            int pvs = Integer.parseInt(f[0]), missing = Integer.parseInt(f[1]);
            return pvs > 0 && missing >= 0 && missing <= pvs ? new State(pvs, missing) : new State(0, 0);
        } catch (NumberFormatException e) {
            return new State(0, 0);
        }
    }

    /** What a PV that lvm found is to the root wait, e.g. "a PV of VG vgraid (1 of 2)". */
    private String pvNews(State s) {
        return "a PV of " + label() + " (" + (s.pvs() - s.missing()) + " of " + s.pvs() + ")";
    }

    private String label() {
        return "VG " + vg;
    }

    private String wanted() {
        if (lvs.isEmpty()) return "its LVs";
        StringBuilder b = new StringBuilder();
        for (String lv : lvs)
            b.append(b.isEmpty() ? "" : ", ").append(vg).append('/').append(lv);
        return b.toString();
    }

    private void say(String s) {
        out.println("stagehand: " + s);
        out.flush();
    }
}
