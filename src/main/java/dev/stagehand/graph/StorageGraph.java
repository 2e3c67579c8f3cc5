package dev.stagehand.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the inputs ask for, in the order systemd would act on them (the order decides which of
 * two duplicate entries wins). Built by the readers, consumed by the planners.
 */
public final class StorageGraph {
    private final List<StorageNode> nodes = new ArrayList<>();

    public void add(StorageNode n) {
        nodes.add(n);
    }

    public List<StorageNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }
}
