package dev.stagehand.explain;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.graph.SwapArea;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The storage graph as Graphviz DOT: devices (ellipses) flow into what uses them (a crypt
 * volume is a box that turns its source device into a mapped device; mounts and swaps are
 * folders), bottom-up from disks to /sysroot. Every node is labelled with its origin.
 */
final class DotGraph {
    private final StorageGraph graph;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final StringBuilder nodes = new StringBuilder();
    private final StringBuilder edges = new StringBuilder();

    DotGraph(StorageGraph graph) {
        this.graph = graph;
    }

    private String id(String key, String label, String shape) {
        return ids.computeIfAbsent(key, k -> {
            String id = "n" + ids.size();
            nodes.append("  ").append(id).append(" [shape=").append(shape).append(", label=").append(quote(label)).append("];\n");
            return id;
        });
    }

    private String device(String path) {
        return id("dev:" + path, path, "ellipse");
    }

    String render() {
        for (StorageNode n : graph.nodes()) {
            switch (n) {
                case CryptVolume c -> {
                    String box = id("crypt:" + c.name(), "unlock " + c.name() + "\n" + Explanation.origin(n), "box");
                    edges.append("  ").append(device(DeviceNodes.toUdevNode(c.device()))).append(" -> ").append(box).append(";\n");
                    edges.append("  ").append(box).append(" -> ").append(device(c.mapperPath())).append(";\n");
                }
                case MountPoint m -> {
                    String folder = id("mount:" + m.where(), m.where() + "\n" + Explanation.origin(n), "folder");
                    String what = Paths.isAbsolute(m.what()) && m.what().startsWith("/dev/") ? device(m.what())
                            : id("src:" + m.what(), m.what(), "plaintext");
                    edges.append("  ").append(what).append(" -> ").append(folder).append(";\n");
                }
                case SwapArea s -> {
                    String folder = id("swap:" + s.what(), "swap\n" + Explanation.origin(n), "folder");
                    edges.append("  ").append(device(s.what())).append(" -> ").append(folder).append(";\n");
                }
                case dev.stagehand.graph.MdArray a -> {
                    String box = id("md:" + a.uuid(), "assemble " + a.label() + "\n" + Explanation.origin(n), "box");
                    edges.append("  ").append(box).append(" -> ").append(device(a.readyLink())).append(";\n");
                }
                default -> { }
            }
        }
        return "digraph storage {\n  rankdir=BT;\n  node [fontname=\"sans-serif\", fontsize=10];\n"
                + nodes + edges + "}\n";
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c == '\n') b.append("\\n");
            else if (c < 0x20 || c >= 0x7f) b.append('?');
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
