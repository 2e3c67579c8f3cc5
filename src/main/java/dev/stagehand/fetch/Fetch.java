package dev.stagehand.fetch;

import dev.stagehand.netroot.LayerSpecs;
import dev.stagehand.wait.Budget;
import dev.stagehand.wait.Prompts;
import dev.stagehand.wait.Seconds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;

/**
 * `stagehand fetch`: the layers of a downloaded root, in order, into the tmpfs on /sysroot.
 * Each layer is tried mirror by mirror: a failure that may pass (HTTP 5xx, no connection, a
 * cut transfer) is tried again on the same mirror after a jittered pause, up to
 * {@link #TRIES_PER_MIRROR} times before the next mirror; a failure that will not pass there
 * (HTTP 404, a checksum mismatch, a truncated file) moves to the next mirror at once and that
 * mirror is not asked again; a full tmpfs stops everything. The budget covers all of it, not
 * counting passphrase prompts; a transfer that is moving is never cut by it (curl gives up on
 * a stalled one), the budget ends the retries.
 */
public final class Fetch {
    static final int TRIES_PER_MIRROR = 3;

    /** How long things take: curl's connect and stall limits, the pauses, the progress line. */
    public record Timing(
            int connectSeconds, int stallSeconds, long firstPauseNanos, long maxPauseNanos, long progressNanos) {
        public static final Timing DEFAULT = new Timing(
                15, 30, TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(30), TimeUnit.SECONDS.toNanos(5));
    }

    /** Where things are: the programs, the tmpfs, the prompts' folder, and for the host names /proc, resolv.conf and networkd's leases. */
    public record Places(
            String curl, String tar, String mount, Path where, Path askDir, Path proc, Path resolvConf, Path leases) {}

    private final Places places;
    private final Timing timing;
    private final PrintStream out;
    private final Backoff backoff;
    private final Curl curl;
    private final Transfer transfer;
    private Budget budget;
    private ToLongFunction<Path> free = SizeCheck::usableSpace;
    /** null: SysrootTmpfs.clear (no lambda as a field's first value: native-image would keep it in its heap). */
    private Clear clear;

    /** Empties the tmpfs (SysrootTmpfs.clear: only a tmpfs); says what it removed, or null. */
    interface Clear {
        String apply(Path where) throws IOException;
    }

    public Fetch(Places places, Timing timing, PrintStream out, RandomGenerator random) {
        this.places = places;
        this.timing = timing;
        this.out = out;
        this.backoff = new Backoff(timing.firstPauseNanos(), timing.maxPauseNanos(), random);
        this.curl = new Curl(places.curl(), timing.connectSeconds(), timing.stallSeconds());
        this.transfer = new Transfer(new Transfer.Tools(curl, places.tar()), places.where());
    }

    /** For tests: the free space of the tmpfs as a function (a small tmpfs without mounting one). */
    Fetch freeSpace(ToLongFunction<Path> f) {
        this.free = f;
        return this;
    }

    private String clear(Path where) throws IOException {
        return clear == null ? SysrootTmpfs.clear(where) : clear.apply(where);
    }

    /** For tests: how the folder is emptied (a test folder is not a tmpfs, which SysrootTmpfs insists on). */
    Fetch clearWith(Clear c) {
        this.clear = c;
        return this;
    }

    /**
     * Downloads and extracts every layer; false (after saying why and what to do) if one could not be.
     *
     * @param size the tmpfs size to set first (rootsize=), or null
     */
    public boolean run(List<LayerSpecs.Layer> layers, String size, long budgetNanos)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        budget = new Budget(budgetNanos, start);
        List<List<String>> urls = expand(layers);
        if (urls == null) return false;
        String cleared = clear(places.where());
        if (cleared != null) say(cleared);
        // after the clearing: a tmpfs does not shrink below what it holds
        if (size != null) {
            String resized = SysrootTmpfs.resize(places.mount(), places.where(), size);
            if (resized != null) say(resized);
        }
        long[] sizes = new SizeCheck(curl, places.where(), out, free).announced(urls);
        if (sizes == null) return giveUp(null, null);
        long total = 0;
        int n = urls.size();
        boolean[][] hopeless = new boolean[n][]; // per layer, the mirrors that gave a failure that will not pass
        int[] firstMirror = new int[n]; // per layer, the mirror to try first: after a restart, the one that worked
        for (int i = 0; i < n; i++) hopeless[i] = new boolean[urls.get(i).size()];
        for (int i = 0; i < n; i++) {
            AtomicLong bytes = new AtomicLong();
            Outcome o = layer(label(i, n), urls.get(i), layers.get(i), sizes[i], bytes, hopeless[i], firstMirror[i]);
            if (o.restart()) {
                // a wrong file was extracted before its end told so: its files go, and the
                // layers under it come again, so that the root is the right files only
                firstMirror[i] = o.mirror();
                String emptied = clear(places.where());
                say(label(i, n) + ": " + (emptied != null ? emptied : "nothing to remove from " + places.where())
                        + ", so that no file of the wrong one stays"
                        + (i > 0 ? "; layers 1 to " + i + " come again" : ""));
                total = 0;
                i = -1;
                continue;
            }
            if (o.failure() != null)
                return giveUp(label(i, n) + " (" + String.join(" | ", urls.get(i)) + ")", o.failure());
            firstMirror[i] = o.mirror();
            total += bytes.get();
        }
        long now = System.nanoTime();
        say("root file system downloaded: " + urls.size() + (urls.size() == 1 ? " layer, " : " layers, ")
                + Progress.size(total) + " in " + Seconds.of(now - start) + " s" + pauses(now));
        return true;
    }

    private static String label(int i, int n) {
        return "layer " + (i + 1) + "/" + n;
    }

    /** %hostname and %fqdn, now that the network is up; null (after saying so) if a URL needs a name the initrd has not got. */
    private List<List<String>> expand(List<LayerSpecs.Layer> layers) {
        HostNames names = HostNames.read(places.proc(), places.resolvConf(), places.leases());
        List<List<String>> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            List<String> urls = new ArrayList<>();
            for (String m : layers.get(i).mirrors()) {
                try {
                    urls.add(LayerSpecs.expand(m, names.hostname(), names.fqdn()));
                } catch (IllegalStateException e) {
                    say(
                            label(i, layers.size()) + ": " + m + " needs " + e.getMessage() + ", but the initrd knows "
                                    + (names.hostname() == null ? "no host name" : "no domain name")
                                    + " (DHCP gave none); give one through DHCP (host name, domain name) or ip=...:HOSTNAME:... (docs/fetch.md)");
                    giveUp(null, null);
                    return null;
                }
            }
            all.add(urls);
        }
        return all;
    }

    /**
     * How one layer ended: extracted from {@code mirror} (failure null), failed, or to be
     * restarted from {@code mirror} once the tmpfs is cleared of a wrong file's files.
     */
    private record Outcome(Failure failure, int mirror, boolean restart) {}

    /**
     * One layer, mirror by mirror from {@code m}, until it is extracted or the budget is spent.
     *
     * @param hopeless the mirrors that gave a failure that will not pass (kept across restarts)
     */
    private Outcome layer(
            String label,
            List<String> urls,
            LayerSpecs.Layer spec,
            long size,
            AtomicLong bytes,
            boolean[] hopeless,
            int m)
            throws IOException, InterruptedException {
        int triesHere = 0, inARow = 0;
        for (; ; ) {
            String url = urls.get(m);
            bytes.set(0);
            Failure f;
            Transfer.Checksum want = spec.sha256() == null ? null : new Transfer.Checksum(spec.sha256(), null);
            if (spec.sha256sums()) {
                // each mirror's own list, fetched anew for each try (the server may have been fixed)
                Sha256Sums.Lookup l = Sha256Sums.lookup(curl, url);
                f = l.failure();
                if (f == null) want = new Transfer.Checksum(l.sha256(), l.sumsUrl());
            } else {
                f = null;
            }
            if (f == null) {
                say(label + ": downloading " + url
                        + (want != null && want.sumsUrl() != null
                                ? " (sha256 " + want.sha256() + " from " + want.sumsUrl() + ")"
                                : ""));
                try (Progress p = new Progress(out, label, url, size, bytes, timing.progressNanos(), this::look)) {
                    f = transfer.run(url, want, bytes);
                }
            }
            if (f == null) {
                // the size said is what came over the network (the extracted root is larger)
                say(label + ": extracted " + url + " (" + Progress.size(bytes.get()) + " downloaded)");
                return new Outcome(null, m, false);
            }
            // the failure that ends the layer is said once, by giveUp
            if (f.next() == Failure.Next.STOP) return new Outcome(f, m, false);
            inARow++;
            triesHere++;
            if (f.next() == Failure.Next.NEXT_MIRROR) hopeless[m] = true;
            if (allTrue(hopeless) || !budgetLeft()) return new Outcome(f, m, false);
            int from = m;
            if (hopeless[m] || triesHere >= TRIES_PER_MIRROR) {
                do m = (m + 1) % urls.size();
                while (hopeless[m]);
            }
            if (m != from) {
                // another mirror at once: this one's trouble is no reason to wait for that one
                say(label + ": " + f.message() + "; next: " + urls.get(m));
                if (f.leftWrongFiles()) return new Outcome(f, m, true);
                triesHere = 0;
                continue;
            }
            // the console says when the next try comes: a user watching it knows it is not stuck
            long wait = backoff.pause(inARow);
            say(label + ": " + f.message() + "; trying again in " + Seconds.of(wait) + " s");
            if (!pause(wait)) return new Outcome(f, m, false);
        }
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) if (!x) return false;
        return true;
    }

    private synchronized boolean budgetLeft() {
        look();
        return !budget.exhausted(System.nanoTime());
    }

    /** Waits before the next try, looking at the prompts each second; false if the budget runs out first. */
    private boolean pause(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        for (; ; ) {
            long now = System.nanoTime();
            look();
            synchronized (this) {
                if (budget.exhausted(now)) return false;
                if (now >= end) return true;
                if (!budget.isPaused() && budget.remaining(now) < end - now) {
                    say("next try in " + Seconds.of(end - now) + " s would be past the budget");
                    return false;
                }
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(end - now, 1_000_000_000L));
        }
    }

    /** The budget stops while a passphrase is asked for. */
    private void look() {
        boolean open = Prompts.open(places.askDir());
        synchronized (this) {
            budget.prompting(open, System.nanoTime());
        }
    }

    private synchronized String pauses(long now) {
        String p = budget.describePauses(now);
        return p.isEmpty() ? "" : " (not counting " + p + ")";
    }

    private boolean giveUp(String what, Failure f) {
        long now = System.nanoTime();
        if (what != null)
            say("giving up on " + what + " after " + Seconds.of(budget.spentInAll(now)) + " s" + pauses(now) + ": "
                    + f.message());
        say("going to emergency mode. Fix it there: `stagehand retry --set root=URL[,URL...]` (other URLs) or"
                + " `stagehand retry --set rootsize=SIZE` (a bigger tmpfs), or `systemctl default` to try the same again;"
                + " see docs/fetch.md.");
        return false;
    }

    private void say(String line) {
        out.println("stagehand: " + line);
        out.flush();
    }
}
