package dev.stagehand.runtime.rootwait;

import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.systemd.UnitNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The end of the waits the root wait owns. Its drop-in (zz-stagehand-rootwait.conf) takes
 * systemd's job timeout off every device of the chain, because the root wait times them
 * instead; when the root wait ends, a device that is still not there would keep a start job
 * without limit, and whatever is ordered after it (a cryptsetup unit, cryptsetup.target,
 * sysinit.target) would wait with it, silently, for ever. So each such job is cancelled (the
 * units that require the device fail as "dependency", as after systemd's own device timeout),
 * with one line naming the device and why. Only a job whose unit carries our drop-in and still
 * has no limit is touched: one that a later drop-in limited is systemd's to end.
 */
public final class JobRelease {
    /** How to reach systemd. Replaced in tests. */
    public interface Systemd {
        /** `systemctl show` of the unit's Job, JobTimeoutUSec, JobRunningTimeoutUSec and DropInPaths (KEY=VALUE lines). */
        String show(String unit) throws IOException, InterruptedException;

        /** `systemctl cancel ID`: its exit status. */
        int cancel(long job) throws IOException, InterruptedException;
    }

    /** Why the root wait ended. */
    public enum Why {
        ROOT_FOUND("the root is there without it"),
        GAVE_UP("the root wait gave up");

        final String text;

        Why(String text) {
            this.text = text;
        }
    }

    private final Systemd systemd;
    private final PrintStream out;

    public JobRelease(Systemd systemd, PrintStream out) {
        this.systemd = systemd;
        this.out = out;
    }

    /** Cancels the unlimited start jobs of the owned devices that are not there. */
    public void release(List<RootWait.Link> owned, Why why) throws InterruptedException {
        for (RootWait.Link l : owned) {
            if (Files.exists(l.path())) continue;
            String unit;
            try {
                unit = UnitNames.fromPath(l.path().toString(), ".device");
            } catch (UnitNames.InvalidUnitNameException e) {
                continue; // the generator wrote no drop-in for it either
            }
            Map<String, String> p;
            try {
                p = properties(systemd.show(unit));
            } catch (IOException e) {
                say("cannot ask systemd about " + unit + " (" + e.getMessage()
                        + "); if it has a start job, it waits without limit");
                continue;
            }
            long job = parseJob(p.get("Job"));
            if (job <= 0 || !ours(p)) continue;
            int status;
            try {
                status = systemd.cancel(job);
            } catch (IOException e) {
                status = -1;
            }
            if (status == 0) {
                say("stopped waiting for " + l.path() + " (" + l.what() + "): " + why.text + "; cancelled start job "
                        + job + " of " + unit + ", which had no time limit");
            } else {
                say("could not cancel start job " + job + " of " + unit + " (" + l.what() + "; systemctl cancel: "
                        + (status < 0 ? "did not run" : "exit status " + status)
                        + "); it waits without limit: `systemctl cancel "
                        + job + "`");
            }
        }
    }

    /**
     * The job has no limit, and our drop-in is why. systemctl prints DropInPaths space-separated,
     * a path with characters it escapes (the \x2d of a by-uuid unit) in double quotes (seen in
     * systemd 252: "/run/systemd/generator/dev-disk-by\\x2duuid-….device.d/zz-stagehand-rootwait.conf").
     */
    static boolean ours(Map<String, String> p) {
        String dropIns = p.getOrDefault("DropInPaths", "");
        boolean ourDropIn = false;
        for (String d : dropIns.split(" ")) {
            String path =
                    d.length() >= 2 && d.startsWith("\"") && d.endsWith("\"") ? d.substring(1, d.length() - 1) : d;
            if (path.endsWith("/" + RootWaitUnits.DROP_IN)) ourDropIn = true;
        }
        return ourDropIn
                && "infinity".equals(p.get("JobTimeoutUSec"))
                && "infinity".equals(p.get("JobRunningTimeoutUSec"));
    }

    static Map<String, String> properties(String text) {
        Map<String, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        return m;
    }

    private static long parseJob(String s) {
        if (s == null || s.isEmpty()) return 0;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void say(String s) {
        out.println("stagehand: " + s);
        out.flush();
    }
}
