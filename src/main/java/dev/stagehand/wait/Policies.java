package dev.stagehand.wait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The root wait's side of {@link PolicyState}: of the policies on the root's chain, the first
 * that is within its timeout holds the root wait's budget. A waiting file counts only while its
 * process lives (a policy that crashed left it behind) and only until the budget has been held
 * for it as long as the timeout it announced (a policy that hangs, or a clock that disagrees),
 * so no file holds the budget forever. A policy's news= counts as progress once per text.
 */
public final class Policies {
    private final Path dir;
    private final List<String> names;
    private final Path proc;
    private final Set<String> seenNews = new HashSet<>();

    /**
     * @param dir   PolicyState.DIR
     * @param names the file names of the policies on the chain
     * @param proc  /proc, where a live process has its folder
     */
    public Policies(Path dir, List<String> names, Path proc) {
        this.dir = dir;
        this.names = List.copyOf(names);
        this.proc = proc;
    }

    public Path dir() {
        return dir;
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** The reason ("md/root's degraded timeout") of the first policy that holds the budget now, or null. */
    public String holding(Budget budget, long now) {
        for (String name : names) {
            PolicyState s = PolicyState.read(dir.resolve(name));
            if (s == null || !s.waiting() || !Files.isDirectory(proc.resolve(Long.toString(s.pid())))) continue;
            if (budget.heldBy(s.what(), now) < s.timeoutNanos()) return s.what();
        }
        return null;
    }

    /**
     * The policies' news not seen before (each text once: a policy cannot hold the root wait by
     * repeating itself). The first call's answer is what was there before the wait began.
     */
    public List<String> news() {
        List<String> fresh = new ArrayList<>();
        for (String name : names) {
            PolicyState s = PolicyState.read(dir.resolve(name));
            if (s != null && !s.news().isEmpty() && seenNews.add(s.news())) fresh.add(s.news());
        }
        return fresh;
    }

    /** How long reason may still hold the budget by its announced timeout (for the wait's next look). */
    public long leftFor(String reason, Budget budget, long now) {
        for (String name : names) {
            PolicyState s = PolicyState.read(dir.resolve(name));
            if (s != null && s.what().equals(reason)) return Math.max(0, s.timeoutNanos() - budget.heldBy(reason, now));
        }
        return 0;
    }
}
