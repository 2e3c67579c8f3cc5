package dev.stagehand.graph;

import dev.stagehand.log.Origin;
import java.util.EnumSet;
import java.util.Set;

/** A swap device or file to activate. */
public record SwapArea(Origin origin, String sourcePath, String what, String options, Set<MountFlag> flags)
        implements StorageNode {
    public SwapArea {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public boolean has(MountFlag f) {
        return flags.contains(f);
    }
}
