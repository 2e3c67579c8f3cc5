package dev.stagehand.locate;

import dev.stagehand.wait.Budget;
import dev.stagehand.wait.DirWatch;
import dev.stagehand.wait.Seconds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * `stagehand locate`'s wait: looks at the block devices, and again whenever the kernel adds a
 * node to /dev (devtmpfs: inotify there sees each disk and partition as the kernel announces it,
 * before udev has done anything with it), until the spec's partition is there or the budget is
 * spent. No `udevadm settle`: nothing here waits for udev. A re-check every second guards against
 * a missed event (sysfs itself sends none).
 */
public final class Locate {
    /** How it ended: one partition, none (within the budget), or more than one. */
    public sealed interface Result permits Found, NotFound, Ambiguous {}

    public record Found(Locator.Match match, long nanos) implements Result {}

    /** @param oneLook the budget was 0: this says "not yet", not "never came" */
    public record NotFound(Locator.Look last, long nanos, boolean oneLook) implements Result {}

    public record Ambiguous(List<Locator.Match> matches) implements Result {}

    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Locator locator;
    private final Path dev;
    private final LongSupplier clock;
    private final Consumer<String> say;

    /** @param say where a note goes (a damaged GPT, a stale table): one line each, stagehand: added */
    public Locate(Locator locator, Path dev, LongSupplier clock, Consumer<String> say) {
        this.locator = locator;
        this.dev = dev;
        this.clock = clock;
        this.say = say;
    }

    /** budgetNanos 0: one look; Budget.UNLIMITED: until it appears. */
    public Result await(long budgetNanos) throws IOException, InterruptedException {
        long start = clock.getAsLong();
        Budget budget = new Budget(budgetNanos, start);
        try (DirWatch watch = new DirWatch(dev)) {
            watch.watch(dev, DirWatch.Events.CREATED);
            for (; ; ) {
                Locator.Look look = locator.look();
                for (String n : look.notes()) say.accept("stagehand: " + n);
                long now = clock.getAsLong();
                if (look.matches().size() > 1) return new Ambiguous(look.matches());
                if (look.matches().size() == 1) return new Found(look.matches().get(0), now - start);
                if (budgetNanos == 0 || budget.exhausted(now)) return new NotFound(look, now - start, budgetNanos == 0);
                watch.await(Math.min(RECHECK_NANOS, budget.remaining(now)), 0);
            }
        }
    }

    /** The one line a result is told in (stderr); stdout gets only the node. */
    public static String describe(PartitionSpec spec, Result r) {
        return switch (r) {
            case Found f ->
                "stagehand: " + spec + " is " + f.match().node() + ", partition "
                        + f.match().number() + " of " + f.match().disk() + ", found "
                        + f.match().how() + " after " + Seconds.of(f.nanos()) + " s";
            case NotFound n ->
                "stagehand: no partition with " + spec
                        + (n.oneLook() ? " yet" : " within " + Seconds.of(n.nanos()) + " s") + " (looked at "
                        + n.last().disks() + " disks, " + n.last().partitions()
                        + " partitions)";
            case Ambiguous a ->
                "stagehand: " + spec + " is on " + places(a.matches()) + ": " + nodes(a.matches())
                        + "; refusing to choose one ("
                        + (spec.kind() == PartitionSpec.Kind.PARTUUID
                                ? "a cloned disk? give one of them new GUIDs: sfdisk --disk-id and --part-uuid, or sgdisk -G"
                                : "give all but one another name (sfdisk --part-label, sgdisk -c), or use PARTUUID=")
                        + ")";
        };
    }

    /**
     * The kernel name of a --hint / rd.stagehand.root.hint= disk ("/dev/nvme0n1" or "nvme0n1"),
     * or null when it cannot be one (a path below /dev/, a by-* link, blanks).
     */
    public static String hintDisk(String hint) {
        String n = hint.startsWith("/dev/") ? hint.substring("/dev/".length()) : hint;
        if (n.isEmpty() || n.length() > 32 || n.startsWith(".")) return null;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.')) return null;
        }
        return n;
    }

    /** What the look at the hinted disk saw, in one line. */
    public static String describeHint(PartitionSpec spec, String disk, Locator.Look look) {
        String where = "the hint /dev/" + disk;
        return switch (look.matches().size()) {
            case 1 ->
                "stagehand: " + where + " holds " + spec + ": "
                        + look.matches().get(0).node() + "; every other disk is still read";
            case 0 ->
                "stagehand: " + where
                        + (look.partitions() == 0
                                ? " has no partitions (yet)"
                                : " does not hold " + spec + " (" + look.partitions() + " partitions)")
                        + "; reading every disk";
            default -> "stagehand: " + where + " holds " + spec + " more than once; reading every disk";
        };
    }

    private static String places(List<Locator.Match> ms) {
        long disks = ms.stream().map(Locator.Match::disk).distinct().count();
        String n = ms.size() == 2 ? "two" : Integer.toString(ms.size());
        return disks == 1
                ? n + " partitions of " + ms.get(0).disk()
                : n + (disks == ms.size() ? " disks" : " partitions");
    }

    private static String nodes(List<Locator.Match> ms) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ms.size(); i++) {
            b.append(i == 0 ? "" : i == ms.size() - 1 ? " and " : ", ")
                    .append(ms.get(i).node());
        }
        return b.toString();
    }
}
