package dev.stagehand.plan;

import dev.stagehand.log.Origin;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one generator run writes, complete before anything is written. Immutable. */
public final class Plan {
    private final Map<OutputDir, Map<String, Entry>> entries;
    private final Map<Entry, Origin> origins;

    Plan(Map<OutputDir, Map<String, Entry>> entries, Map<Entry, Origin> origins) {
        this.origins = Collections.unmodifiableMap(new IdentityHashMap<>(origins));
        Map<OutputDir, Map<String, Entry>> copy = new EnumMap<>(OutputDir.class);
        entries.forEach((d, m) -> copy.put(d, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        this.entries = Collections.unmodifiableMap(copy);
    }

    /** The entries for one output directory, in the order they were planned. */
    public List<Entry> entries(OutputDir dir) {
        Map<String, Entry> m = entries.get(dir);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    public Entry get(OutputDir dir, String path) {
        Map<String, Entry> m = entries.get(dir);
        return m == null ? null : m.get(path);
    }

    /** The input an entry was planned for, or null. */
    public Origin origin(Entry e) {
        return origins.get(e);
    }

    public boolean isEmpty() {
        return entries.values().stream().allMatch(Map::isEmpty);
    }
}
