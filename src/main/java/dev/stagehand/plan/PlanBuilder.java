package dev.stagehand.plan;

import dev.stagehand.log.Origin;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects entries with the rules systemd's generator helpers follow on disk: a unit file is
 * created once (a second one is a duplicate and refused), a drop-in written again replaces
 * the earlier one, and a symlink that exists already is kept. Entries arrive in transactions,
 * one per input line, so a refused line leaves nothing behind.
 */
public final class PlanBuilder {
    private final Map<OutputDir, Map<String, Entry>> entries = new EnumMap<>(OutputDir.class);
    private final Map<Entry, Origin> origins = new IdentityHashMap<>();

    private Map<String, Entry> dir(OutputDir d) {
        return entries.computeIfAbsent(d, x -> new LinkedHashMap<>());
    }

    public boolean contains(OutputDir d, String path) {
        return dir(d).containsKey(path);
    }

    /** A transaction for the input at {@code origin} (kept with its entries, for explain). */
    public Transaction begin(Origin origin) {
        return new Transaction(OutputDir.NORMAL, origin);
    }

    /** The same, with entries going to {@code dir} unless said otherwise. */
    public Transaction begin(OutputDir dir, Origin origin) {
        return new Transaction(dir, origin);
    }

    public Plan build() {
        return new Plan(entries, origins);
    }

    private enum Kind {
        UNIT,
        DROP_IN,
        LINK
    }

    private record Staged(OutputDir dir, Kind kind, Entry entry) {}

    /** The entries of one input line; nothing is visible until commit(). */
    public final class Transaction {
        private final List<Staged> staged = new ArrayList<>();
        private final OutputDir dir;
        private final Origin origin;

        private Transaction(OutputDir dir, Origin origin) {
            this.dir = dir;
            this.origin = origin;
        }

        public Transaction unit(UnitFile f) {
            return unit(dir, f);
        }

        public Transaction unit(OutputDir d, UnitFile f) {
            staged.add(new Staged(d, Kind.UNIT, f));
            return this;
        }

        public Transaction dropIn(UnitFile f) {
            staged.add(new Staged(dir, Kind.DROP_IN, f));
            return this;
        }

        public Transaction link(Link l) {
            return link(dir, l);
        }

        public Transaction link(OutputDir d, Link l) {
            staged.add(new Staged(d, Kind.LINK, l));
            return this;
        }

        /** Why the staged entries cannot join the plan (a duplicate unit, a bad path), or empty. */
        public Optional<String> problem() {
            List<String> mine = new ArrayList<>();
            for (Staged s : staged) {
                String bad = UnitPaths.problem(s.entry().path());
                if (bad != null) return Optional.of(bad);
                if (s.kind() != Kind.UNIT) continue;
                String key = s.dir() + ":" + s.entry().path();
                if (dir(s.dir()).containsKey(s.entry().path()) || mine.contains(key)) {
                    return Optional.of(s.entry().path() + " was already written for an earlier entry");
                }
                mine.add(key);
            }
            return Optional.empty();
        }

        /** Applies the staged entries, or none of them and says why. */
        public Optional<String> commit() {
            Optional<String> c = problem();
            if (c.isPresent()) return c;
            for (Staged s : staged) {
                Map<String, Entry> d = dir(s.dir());
                switch (s.kind()) {
                    case UNIT, DROP_IN -> d.put(s.entry().path(), s.entry());
                    case LINK -> d.putIfAbsent(s.entry().path(), s.entry());
                }
                if (origin != null && d.get(s.entry().path()) == s.entry()) origins.put(s.entry(), origin);
            }
            staged.clear();
            return Optional.empty();
        }
    }
}
