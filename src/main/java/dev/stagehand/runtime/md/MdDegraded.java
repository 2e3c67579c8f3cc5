package dev.stagehand.runtime.md;

import dev.stagehand.wait.DirWatch;
import dev.stagehand.wait.PathWait;
import dev.stagehand.wait.PolicyAnnouncer;
import dev.stagehand.wait.Seconds;
import dev.stagehand.wait.ToolOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs the degraded policy of one md array (stagehand-md-degraded@.service). Waits for the
 * array's by-id link, which udev makes once the array runs (mdadm --incremental from udev
 * starts it when all members are there). When the timeout runs out first (the clock stops
 * while a passphrase is asked for), it looks for the array among the inactive md devices and,
 * as the policy says, starts it with `mdadm --run` or asks first. After a degraded start, and
 * when the array came up degraded by itself, it adds back members that show up (below).
 */
public final class MdDegraded {
    /** How to reach the system: mdadm, the console question, sysfs. Replaced in tests. */
    public interface Host {
        /** `mdadm ARGS`: exit status and standard output. */
        ToolOutput mdadm(List<String> args) throws IOException, InterruptedException;

        /** Asks on the console; the answer, or null when there was none in time. */
        String ask(String question, long timeoutSeconds) throws IOException, InterruptedException;
    }

    /** An inactive md device holding members of this array. */
    record Inactive(String devnm, int members, int raidDisks) {
        /** Every member is there (the superblock says how many the array has). */
        boolean complete() {
            return raidDisks > 0 && members >= raidDisks;
        }
    }

    static final long ASK_SECONDS = 60;
    private static final long RETRY_NANOS = 2_000_000_000L;
    /** How often the assembler looks without a new device, and how often a degraded array looks for returning members. */
    private static final long ASSEMBLE_POLL_NANOS = 2_000_000_000L, MEMBERS_POLL_NANOS = 10_000_000_000L;
    /** After a new device node: let udev finish with it (blkid, its own rules) before mdadm looks. */
    private static final long SETTLE_MILLIS = 500;

    private final String mdUuid;
    private final String label;
    private final String policy;
    private final long timeoutNanos;
    private final Path sys;
    private final Path dev;
    private final Path askDir;
    private final Host system;
    private final LongSupplier clock;
    private final PrintStream out;

    public MdDegraded(
            String mdUuid,
            String name,
            String policy,
            long timeoutNanos,
            Path sys,
            Path dev,
            Path askDir,
            Host system,
            LongSupplier clock,
            PrintStream out) {
        this.mdUuid = mdUuid.toLowerCase(Locale.ROOT);
        this.label = name != null ? "md/" + name : mdUuid;
        this.policy = policy;
        this.timeoutNanos = timeoutNanos;
        this.sys = sys;
        this.dev = dev;
        this.askDir = askDir;
        this.system = system;
        this.clock = clock;
        this.out = out;
    }

    private boolean assemble;
    private PolicyAnnouncer announcer = PolicyAnnouncer.NONE;

    /** With true, members are handed to mdadm --incremental while waiting (see assembleMembers). */
    public MdDegraded assembling(boolean on) {
        this.assemble = on;
        return this;
    }

    /** Tells the root wait while the timeout runs (its budget holds meanwhile), and when it is over. */
    public MdDegraded announcing(PolicyAnnouncer a) {
        this.announcer = a;
        return this;
    }

    /** What the root wait's console line calls this policy's timeout. */
    public String timeoutName() {
        return (label.startsWith("md/") ? "" : "md ") + label + "'s degraded timeout";
    }

    /** 0 when the array runs (or the answer was no); 1 when starting it failed. */
    public int run() throws IOException, InterruptedException {
        Path ready = dev.resolve("disk/by-id/md-uuid-" + mdUuid);
        if (assemble)
            assembler = Thread.ofPlatform().daemon().name("md-assemble").start(() -> assembleUntil(ready));
        try {
            return waitAndStart(ready);
        } finally {
            announcer.decided(); // also after a failure: no state file may say "waiting" for a policy that is done
            stopAssembling();
        }
    }

    private Thread assembler;

    private volatile boolean assembling = true;

    /**
     * The array runs or is about to be started: from now on members are added, not assembled.
     * Not an interrupt: an mdadm --incremental under way is waited for (at most one pass, the
     * poll is 2 s), so it never runs beside the --run or --add that comes next.
     */
    private void stopAssembling() throws InterruptedException {
        if (assembler == null) return;
        assembling = false;
        assembler.join();
        assembler = null;
    }

    /**
     * The assembler thread: hands every member of this array that appears and is not in use
     * to mdadm --incremental, as dracut's udev rule (65-md-incremental-imsm.rules) would, until
     * the array runs or the main thread stops it. mdadm -I starts the array when all members
     * are there and otherwise leaves it inactive, so the degraded policy applies as usual.
     */
    private void assembleUntil(Path ready) {
        try (DirWatch watch = new DirWatch(dev)) {
            watch.watch(dev, DirWatch.Events.CREATED);
            while (assembling && !Files.exists(ready)) {
                assembleMembers();
                watch.await(Math.min(ASSEMBLE_POLL_NANOS, pollCapNanos), settleMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            out.println("stagehand: " + label + ": cannot watch for members: " + e.getMessage());
        }
    }

    private final Set<String> handed = new HashSet<>();

    private final Set<String> noticed = new HashSet<>();

    /**
     * After the timeout, while no member is there: a member that appears is progress the root
     * wait cannot see (the generator does not know the members), so it is told at once; udev's
     * mdadm --incremental and the start of the array take a few seconds more (6.6 s in one boot
     * of nested-late-member). A member udev's mdadm -I holds already counts too.
     */
    private void noticeMembers() throws IOException, InterruptedException {
        for (String name : members(noticed, null, Use.ANY)) announcer.progress(memberNews(name));
    }

    private String memberNews(String name) {
        return "/dev/" + name + " (a member of " + label + ")";
    }

    /** One pass of the assembler: mdadm --incremental for each new member of this array. */
    void assembleMembers() throws IOException, InterruptedException {
        for (String name : members(handed, null)) {
            announcer.progress(memberNews(name));
            ToolOutput r = system.mdadm(List.of("--incremental", "/dev/" + name));
            out.println("stagehand: " + label + ": member /dev/" + name + " handed to mdadm --incremental"
                    + (r.status() == 0 ? "" : " (exit status " + r.status() + ")"));
            out.flush();
        }
    }

    /**
     * Waits for the array to run; when the budget runs out, looks for an inactive one with this
     * UUID. One that already holds all its members is started whatever the policy: it is not
     * degraded. mdadm --incremental starts an array itself once all members are there (also one
     * of another host: e2e boot foreign-uuid), so this is a safeguard; without it such an array
     * would be reported as "missing 0 of N members" and, with policy never or a "no", not be
     * started at all. (Looking every few seconds instead, in slices of the wait, was tried and
     * dropped: the one boot of nested-degraded with it took 54 s for its 30 s.)
     */
    private int waitAndStart(Path ready) throws IOException, InterruptedException {
        announcer.waiting();
        PathWait.Result r = pathWait(ready, timeoutNanos).await();
        announcer.decided();
        if (r.found()) return running(ready);
        long spent = r.budget().spent(r.now());
        boolean saidWaiting = false;
        for (; ; ) {
            Inactive a = findInactive();
            if (a != null) return a.complete() ? startComplete(a) : start(a, spent);
            if (Files.exists(ready)) return running(ready);
            if (!saidWaiting) {
                out.println("stagehand: " + label + ": no member has appeared after " + Seconds.of(spent)
                        + " s; it starts degraded as soon as one does");
                out.flush();
                saidWaiting = true;
            }
            if (pathWait(ready, RETRY_NANOS).await().found()) return running(ready);
            if (!assemble) noticeMembers(); // before the seconds a start takes (the assembler notices them itself)
        }
    }

    private int startComplete(Inactive a) throws IOException, InterruptedException {
        stopAssembling();
        ToolOutput run = system.mdadm(List.of("--run", "/dev/" + a.devnm()));
        if (run.status() != 0) {
            out.println("stagehand: " + label + " has all " + a.raidDisks() + " members; mdadm --run /dev/" + a.devnm()
                    + " failed (exit status " + run.status() + ")");
            return 1;
        }
        out.println("stagehand: " + label + " has all " + a.raidDisks() + " members but was not running; started it");
        out.flush();
        if (parseInt(read(sys.resolve("block/" + a.devnm() + "/md/degraded"))) > 0) watchForMembers(a.devnm());
        return 0;
    }

    /**
     * The array runs (someone else started it). Complete: nothing to do. Degraded: a member is
     * there but was left out, or is still to come. That is the boot after a degraded one: the
     * member that was missing then carries an older event count. mdadm --incremental (its
     * Incremental.c) counts only the members with the newest event count (count_active()) and
     * starts the array as soon as they are as many as the newest superblock says are working
     * (one, after a degraded boot), removing a stale member attached before the start; one that
     * comes after is refused ("not adding ... to active array (without --run)") unless a POLICY
     * line of mdadm.conf says action=re-add. So the array runs degraded with all disks present
     * (seen in the e2e boot raid1-second-boot, stock flavour: [2/1] [U_]); stagehand adds the
     * member back as after its own degraded start.
     */
    private int running(Path ready) throws IOException, InterruptedException {
        stopAssembling();
        String devnm;
        try {
            devnm = Files.readSymbolicLink(ready).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
        Path md = sys.resolve("block/" + devnm + "/md");
        int degraded = parseInt(read(md.resolve("degraded")));
        if (degraded <= 0 || !devnm.matches("md[0-9a-z_]+")) return 0;
        int raidDisks = parseInt(read(md.resolve("raid_disks")));
        out.println("stagehand: " + label + " runs with "
                + (raidDisks > 0 ? (raidDisks - degraded) + " of " + raidDisks : "not all of its") + " members ("
                + devnm + " is degraded); a member that is there or comes is added again.");
        out.flush();
        watchForMembers(devnm);
        return 0;
    }

    private int start(Inactive a, long spent) throws IOException, InterruptedException {
        stopAssembling();
        String missing = a.raidDisks() > 0
                ? " is missing " + Math.max(0, a.raidDisks() - a.members()) + " of " + a.raidDisks() + " members"
                : " is incomplete";
        String after = Seconds.of(spent) + " s";
        if (policy.equals("never")) {
            out.println("stagehand: " + label + missing + " after " + after + "; not started degraded (policy never).");
            return 0;
        }
        if (policy.equals("ask")) {
            String answer = system.ask(label + missing + "; start degraded? [y/N]", ASK_SECONDS);
            if (answer == null
                    || !(answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
                out.println("stagehand: " + label + missing + "; not started degraded ("
                        + (answer == null ? "no answer" : "answer \"no\"")
                        + "). The root wait gives up if the root needs it.");
                return 0;
            }
        }
        ToolOutput run = system.mdadm(List.of("--run", "/dev/" + a.devnm()));
        if (run.status() != 0) {
            out.println("stagehand: " + label + missing + "; mdadm --run /dev/" + a.devnm() + " failed (exit status "
                    + run.status() + ")");
            return 1;
        }
        out.println("stagehand: " + label + missing + " after " + after + "; started it degraded (policy " + policy
                + "). A member that comes back is added again.");
        out.flush();
        watchForMembers(a.devnm());
        return 0;
    }

    /**
     * Until the initrd ends (switch-root stops this service), adds members of this array that
     * show up: mdadm --incremental from dracut's udev rule leaves a member with an older event
     * count out of a running array, so it would stay degraded until someone noticed.
     */
    private void watchForMembers(String devnm) throws IOException, InterruptedException {
        if (!Files.isDirectory(dev)) return;
        try (DirWatch watch = new DirWatch(dev)) {
            watch.watch(dev, DirWatch.Events.CREATED);
            for (int pass = 1; ; pass++) {
                addReturning(devnm);
                if (pass >= passes) return;
                watch.await(Math.min(MEMBERS_POLL_NANOS, pollCapNanos), settleMillis);
            }
        }
    }

    /** Passes of watchForMembers: until switch-root stops the service (tests: fewer). */
    int passes = Integer.MAX_VALUE;
    /**
     * The longest real-time wait between two looks, and the pause after a new device node. Tests
     * drive a fake clock and shorten both, so that a 5 s policy does not take 9 s of real time.
     */
    long pollCapNanos = Long.MAX_VALUE;

    long settleMillis = SETTLE_MILLIS;

    private PathWait pathWait(Path ready, long nanos) {
        return new PathWait(ready, askDir, nanos, clock).recheckEvery(Math.min(pollCapNanos, PathWait.RECHECK_NANOS));
    }

    private final Set<String> examined = new HashSet<>();
    private final Map<String, Integer> failed = new HashMap<>();
    /** Tries per member: udev's mdadm --incremental may hold it open (O_EXCL) at that moment. */
    static final int ADD_TRIES = 3;

    /** One pass: every block device that is not in use and carries this array's UUID is added back. */
    void addReturning(String devnm) throws IOException, InterruptedException {
        for (String name : members(examined, devnm)) {
            ToolOutput r = system.mdadm(List.of("/dev/" + devnm, "--re-add", "/dev/" + name));
            String how = "re-added";
            if (r.status() != 0) {
                r = system.mdadm(List.of("/dev/" + devnm, "--add", "/dev/" + name));
                how = "added (full recovery)";
            }
            int tries = r.status() == 0 ? 0 : failed.merge(name, 1, Integer::sum);
            if (tries > 0 && tries < ADD_TRIES) examined.remove(name); // once more on the next pass
            out.println("stagehand: " + label + ": member /dev/" + name + " came back; "
                    + (r.status() == 0
                            ? how
                            : "adding it failed (exit status " + r.status() + ")"
                                    + (tries < ADD_TRIES ? "; trying again" : "")));
            out.flush();
        }
    }

    /**
     * The block devices not looked at before (added to seen) that are not in use (no holders,
     * not a member of devnm) and whose md superblock names this array, in name order.
     */
    private List<String> members(Set<String> seen, String devnm) throws IOException, InterruptedException {
        return members(seen, devnm, Use.FREE);
    }

    /** Which block devices a look for members takes. */
    private enum Use {
        /** those not in use: to hand on or add (mdadm would refuse a held one) */
        FREE,
        /** also those held (by an inactive md device, say): only to notice them */
        ANY
    }

    private List<String> members(Set<String> seen, String devnm, Use use) throws IOException, InterruptedException {
        Path classBlock = sys.resolve("class/block");
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(classBlock)) return found;
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(classBlock)) {
            for (Path p : ds) names.add(p.getFileName().toString());
        }
        Collections.sort(names);
        for (String name : names) {
            if (name.startsWith("md")
                    || name.startsWith("dm-")
                    || name.startsWith("loop")
                    || name.startsWith("ram")
                    || seen.contains(name)
                    || (devnm != null && Files.exists(sys.resolve("block/" + devnm + "/md/dev-" + name)))) {
                continue;
            }
            if (use == Use.FREE && !isEmptyDir(classBlock.resolve(name + "/holders")))
                continue; // in use by something else
            seen.add(name);
            ToolOutput e = system.mdadm(List.of("--examine", "--export", "/dev/" + name));
            String uuid = null;
            for (String line : e.out().split("\n")) {
                if (line.startsWith("MD_UUID="))
                    uuid = line.substring(8).strip().toLowerCase(Locale.ROOT);
            }
            if (e.status() == 0 && mdUuid.equals(uuid)) found.add(name);
        }
        return found;
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) return true;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
            return !ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** The inactive md device whose MD_UUID is ours, as dracut's mdraid_start finds it. */
    Inactive findInactive() throws IOException, InterruptedException {
        Path block = sys.resolve("block");
        if (!Files.isDirectory(block)) return null;
        List<String> candidates = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(block, "md*")) {
            for (Path p : ds) {
                Path state = p.resolve("md/array_state");
                if (Files.isReadable(state) && read(state).equals("inactive"))
                    candidates.add(p.getFileName().toString());
            }
        }
        Collections.sort(candidates);
        for (String devnm : candidates) {
            // An inactive array's raid_disks in sysfs counts only the members added so far;
            // the superblock of a member knows how many the array has.
            List<String> members = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(block.resolve(devnm + "/md"), "dev-*")) {
                for (Path p : ds) members.add(p.getFileName().toString().substring(4));
            }
            Collections.sort(members);
            // asked again only when its members changed (the retry loop runs every 2 s)
            String key = devnm + " " + members;
            Optional<Inactive> known = inactiveSeen.get(key);
            if (known == null) {
                known = Optional.ofNullable(inactive(devnm, members));
                inactiveSeen.put(key, known);
            }
            if (known.isPresent()) return known.get();
        }
        return null;
    }

    private final Map<String, Optional<Inactive>> inactiveSeen = new HashMap<>();

    /** devnm as an Inactive when its MD_UUID is ours, else null. */
    private Inactive inactive(String devnm, List<String> members) throws IOException, InterruptedException {
        ToolOutput d = system.mdadm(List.of("--detail", "--export", "/dev/" + devnm));
        String uuid = null;
        int devices = -1;
        for (String line : d.out().split("\n")) {
            if (line.startsWith("MD_UUID=")) uuid = line.substring(8).strip().toLowerCase(Locale.ROOT);
            if (line.startsWith("MD_DEVICES="))
                devices = parseInt(line.substring(11).strip());
        }
        if (!mdUuid.equals(uuid)) return null;
        int raidDisks = devices;
        if (!members.isEmpty()) {
            ToolOutput e = system.mdadm(List.of("--examine", "--export", "/dev/" + members.get(0)));
            for (String line : e.out().split("\n")) {
                if (line.startsWith("MD_DEVICES="))
                    raidDisks = parseInt(line.substring(11).strip());
            }
        }
        return new Inactive(devnm, members.size(), raidDisks);
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
