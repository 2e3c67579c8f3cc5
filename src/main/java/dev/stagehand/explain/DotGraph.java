package dev.stagehand.explain;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MdArray;
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

    /** Device paths that name the same device (an LV's /dev/VG/LV) → the one the graph draws. */
    private final Map<String, String> aliases = new LinkedHashMap<>();

    private String device(String path) {
        String p = aliases.getOrDefault(path, path);
        return id("dev:" + p, p, "ellipse");
    }

    String render() {
        java.util.List<String> made = new java.util.ArrayList<>(); // devices the initrd makes: may hold a PV
        java.util.Set<String> used = new java.util.HashSet<>();     // ... unless something else uses them
        java.util.List<LvmVolume> lvms = new java.util.ArrayList<>();
        for (StorageNode n : graph.nodes()) {
            if (n instanceof LvmVolume v) {
                aliases.put(v.vgPath(), v.mapperPath());
                lvms.add(v);
            }
        }
        for (StorageNode n : graph.nodes()) {
            switch (n) {
                case CryptVolume c -> {
                    String box = id("crypt:" + c.name(), "unlock " + c.name() + "\n" + Explanation.origin(n), "box");
                    edges.append("  ").append(device(DeviceNodes.toUdevNode(c.device()))).append(" -> ").append(box).append(";\n");
                    edges.append("  ").append(box).append(" -> ").append(device(c.mapperPath())).append(";\n");
                    made.add(c.mapperPath());
                    used.add(DeviceNodes.toUdevNode(c.device()));
                }
                case MountPoint m -> {
                    String folder = id("mount:" + m.where(), m.where() + "\n" + Explanation.origin(n), "folder");
                    String what = Paths.isAbsolute(m.what()) && m.what().startsWith("/dev/") ? device(m.what())
                            : id("src:" + m.what(), m.what(), "plaintext");
                    edges.append("  ").append(what).append(" -> ").append(folder).append(";\n");
                    used.add(m.what());
                }
                case SwapArea s -> {
                    String folder = id("swap:" + s.what(), "swap\n" + Explanation.origin(n), "folder");
                    edges.append("  ").append(device(s.what())).append(" -> ").append(folder).append(";\n");
                }
                case MdArray a -> {
                    String box = id("md:" + a.uuid(), "assemble " + a.label() + "\n" + Explanation.origin(n), "box");
                    // the /dev/md/NAME link is what crypttab and fstab name; the by-id link otherwise
                    String out = a.name() != null ? "/dev/md/" + a.name().substring(a.name().indexOf(':') + 1) : a.readyLink();
                    edges.append("  ").append(box).append(" -> ").append(device(out)).append(";\n");
                    made.add(out);
                    // members its ARRAY line names (devices=): RAID on LUKS, say
                    for (String m : a.members()) {
                        edges.append("  ").append(device(m)).append(" -> ").append(box).append(";\n");
                        used.add(m);
                    }
                }
                case LvmVolume v -> {
                    String box = id("lvm:" + v.label(), "activate " + v.label() + "\n" + Explanation.origin(n), "box");
                    edges.append("  ").append(box).append(" -> ").append(device(v.mapperPath())).append(";\n");
                }
                default -> { }
            }
        }
        // LVM finds its physical volumes by scanning: the devices the initrd makes that nothing
        // else uses may hold them
        for (LvmVolume v : lvms) {
            for (String d : made) {
                if (used.contains(d)) continue;
                edges.append("  ").append(device(d)).append(" -> ").append(ids.get("lvm:" + v.label()))
                        .append(" [style=dashed, label=\"PV?\"];\n");
            }
        }
        return "digraph storage {\n  rankdir=BT;\n  node [fontname=\"sans-serif\", fontsize=10];\n  edge [fontname=\"sans-serif\", fontsize=9];\n"
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
