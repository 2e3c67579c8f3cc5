package dev.stagehand.lvm;

import dev.stagehand.rootwait.Budget;
import dev.stagehand.rootwait.PathWait;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
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
        Result lvm(List<String> args) throws IOException, InterruptedException;
    }

    public record Result(int status, String out) {}

    /** pvs: the group's PV count (0: lvm does not see the group yet); missing: how many of them lvm cannot find. */
    record State(int pvs, int missing) {
        boolean seen() {
            return pvs > 0;
        }
    }

    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(3);
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

    public LvmActivate(String vg, List<String> lvs, String policy, long timeoutNanos, Path dev, Path askDir, Host lvm,
                       LongSupplier clock, PrintStream out) {
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

    /** 0 once activated (or, policy never, never); 1 when lvm failed to activate. */
    public int run() throws IOException, InterruptedException {
        try (WatchService ws = dev.getFileSystem().newWatchService()) {
            watch(ws, dev);
            watch(ws, askDir);
            State s = state();
            while (!s.seen()) { // no budget before the first PV: the layers below time themselves
                await(ws, recheckNanos);
                s = state();
            }
            Budget budget = new Budget(timeoutNanos, clock.getAsLong());
            boolean saidNever = false;
            for (;;) {
                long now = clock.getAsLong();
                if (s.missing() == 0) return activate("complete", s, budget, now);
                budget.prompting(promptOpen(), now);
                if (budget.exhausted(now)) {
                    if (policy.equals("auto")) {
                        if (activate("degraded", s, budget, now) != 0) {
                            // lvm activates only RAID LVs that hold all their data degraded and
                            // fails the command for the rest (a linear LV on the missing PV):
                            // the RAID LVs may be up, the others come up with the PVs
                            say(label() + ": the LVs lvm could not activate degraded stay inactive until every PV is back");
                        }
                        return takeBack(ws, s);
                    }
                    if (!saidNever) {
                        say(label() + " is missing " + s.missing() + " of " + s.pvs() + " PVs after " + PathWait.seconds(budget.spent(now))
                                + " s; not activated degraded (policy never). The root wait gives up if the root needs it.");
                        saidNever = true;
                    }
                }
                watch(ws, askDir);
                await(ws, budget.isPaused() || saidNever ? recheckNanos : Math.max(1, Math.min(recheckNanos, budget.remaining(now))));
                s = state();
            }
        } catch (ClosedWatchServiceException e) {
            throw new IOException("the file watch closed", e);
        }
    }

    private int activate(String mode, State s, Budget budget, long now) throws IOException, InterruptedException {
        List<String> args = activateArgs(mode);
        Result r = lvm.lvm(args);
        String after = PathWait.seconds(budget.spent(now)) + " s" + (budget.pausedFor(now) > 0
                ? " (not counting " + PathWait.seconds(budget.pausedFor(now)) + " s of passphrase prompts)" : "");
        if (r.status() != 0) {
            say(label() + ": lvm " + String.join(" ", args) + " failed (exit status " + r.status() + ")");
            return 1;
        }
        if (mode.equals("complete")) {
            say(label() + ": all " + s.pvs() + " PVs present, " + after + " after the first; activated " + wanted());
        } else {
            say(label() + " is missing " + s.missing() + " of " + s.pvs() + " PVs after " + after + "; activated " + wanted()
                    + " degraded (policy auto). A PV that comes back is taken back in.");
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
    int takeBack(WatchService ws, State degraded) throws IOException, InterruptedException {
        long since = clock.getAsLong();
        State s = degraded;
        while (!s.seen() || s.missing() > 0) {
            await(ws, recheckNanos);
            s = state();
        }
        String back = label() + ": all " + s.pvs() + " PVs are back " + PathWait.seconds(Math.max(0, clock.getAsLong() - since))
                + " s after the degraded activation; ";
        // first what degraded mode left inactive (lvm activates nothing but RAID LVs degraded;
        // for the LVs already active this changes nothing), so that the refresh finds them all
        // active; then the refresh
        List<String> complete = activateArgs("complete");
        Result r = lvm.lvm(complete);
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
        say(back + "refreshed " + wanted() + " (the returning RAID legs resync), after a complete activation for what degraded mode left inactive");
        return 0;
    }

    /**
     * `lvchange --refresh` of the activated LVs (the whole group for rd.lvm.vg=). As the
     * activation's --sysinit (not accepted with --refresh): no background polling, no dmeventd.
     */
    List<String> refreshArgs() {
        List<String> args = new ArrayList<>(List.of("lvchange", "--refresh", "--poll", "n", "--config",
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
        List<String> args = new ArrayList<>(List.of("vgs", "--noheadings", "--nosuffix", "--nolocking", "-o", "pv_count,vg_missing_pv_count"));
        args.addAll(NO_HINTS);
        args.add(vg);
        Result r = lvm.lvm(args);
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

    private String label() {
        return "VG " + vg;
    }

    private String wanted() {
        if (lvs.isEmpty()) return "its LVs";
        StringBuilder b = new StringBuilder();
        for (String lv : lvs) b.append(b.isEmpty() ? "" : ", ").append(vg).append('/').append(lv);
        return b.toString();
    }

    private void say(String s) {
        out.println("stagehand: " + s);
        out.flush();
    }

    private static void watch(WatchService ws, Path dir) {
        if (!Files.isDirectory(dir)) return;
        try {
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            // the periodic re-check still sees it
        }
    }

    /** Until a node appears in /dev or a prompt opens or closes, at most nanos. */
    private static void await(WatchService ws, long nanos) throws InterruptedException {
        WatchKey key = ws.poll(nanos, TimeUnit.NANOSECONDS);
        boolean any = false;
        while (key != null) {
            key.pollEvents();
            key.reset();
            any = true;
            key = ws.poll();
        }
        if (any) Thread.sleep(200); // let udev finish with a new device (blkid, its symlinks) before lvm scans
    }

    private boolean promptOpen() {
        if (!Files.isDirectory(askDir)) return false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(askDir, "ask.*")) {
            return ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
