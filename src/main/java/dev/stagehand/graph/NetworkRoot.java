package dev.stagehand.graph;

import dev.stagehand.log.Origin;
import dev.stagehand.netroot.LayerSpecs;
import java.util.List;

/**
 * A root downloaded at boot: layers (tarballs, each with its mirrors) extracted in order into
 * the tmpfs on /sysroot once the network is online. The tmpfs itself is a {@link MountPoint}
 * of its own, before this node in the graph.
 *
 * @param timeoutMicros the download's budget, or TimeSpan.INFINITY
 */
public record NetworkRoot(Origin origin, List<LayerSpecs.Layer> layers, String size, long timeoutMicros)
        implements StorageNode {
    public NetworkRoot {
        layers = List.copyOf(layers);
    }
}
