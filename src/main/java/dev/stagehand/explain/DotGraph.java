package dev.stagehand.explain;

import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.SwapArea;

/**
 * The storage graph as Graphviz DOT: devices (ellipses) flow into what uses them (a crypt
 * volume, an md array, an LV is a box that makes a device; mounts and swaps are folders),
 * bottom-up from disks to /sysroot. Every box and folder is labelled with its origin; guessed
 * edges ({@link StorageEdges}) are dashed and say what they guess. Vertex ids are the ones
 * explain's JSON uses.
 */
final class DotGraph {
    private final StorageEdges edges;
    private final String note;

    /** @param note said above the picture (planning as the host), or null */
    DotGraph(StorageEdges edges, String note) {
        this.edges = edges;
        this.note = note;
    }

    String render() {
        StringBuilder b = new StringBuilder("digraph storage {\n  rankdir=BT;\n");
        if (note != null)
            b.append("  labelloc=t;\n  label=").append(quote(note)).append(";\n");
        b.append("  node [fontname=\"sans-serif\", fontsize=10];\n  edge [fontname=\"sans-serif\", fontsize=9];\n");
        for (StorageEdges.Vertex v : edges.vertices()) {
            String shape = switch (v.kind()) {
                case DEVICE -> "ellipse";
                case SOURCE -> "plaintext";
                case NODE -> v.node() instanceof MountPoint || v.node() instanceof SwapArea ? "folder" : "box";
            };
            String label =
                    v.node() == null ? v.label() : v.label() + "\n" + Explanation.from(Explanation.origin(v.node()));
            b.append("  ")
                    .append(v.id())
                    .append(" [shape=")
                    .append(shape)
                    .append(", label=")
                    .append(quote(label))
                    .append("];\n");
        }
        for (StorageEdges.Edge e : edges.edges()) {
            b.append("  ").append(e.from().id()).append(" -> ").append(e.to().id());
            if (e.guess() != null)
                b.append(" [style=dashed, label=").append(quote(e.guess())).append(']');
            b.append(";\n");
        }
        return b.append("}\n").toString();
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
