package dev.stagehand.explain;

import dev.stagehand.Generator;
import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MdArray;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.graph.SwapArea;
import dev.stagehand.graph.TargetRequirement;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Level;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.Entry;
import dev.stagehand.plan.Link;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.write.TreeWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the generator would do, said three ways: text for people, JSON for tools, Graphviz
 * DOT for a picture of the storage graph. Every node and unit names the input it came from.
 */
public final class Explanation {
    private final Generator.Analysis analysis;
    private final List<Diagnostic> messages;

    public Explanation(Generator.Analysis analysis, List<Diagnostic> messages) {
        this.analysis = analysis;
        this.messages = List.copyOf(messages);
    }

    private static String from(Origin o) {
        return o == null ? "(built in)" : o.toString();
    }

    /** One line per node, in systemd's words. */
    static String describe(StorageNode n) {
        return switch (n) {
            case MountPoint m -> "mount " + m.what() + " on " + m.where()
                    + (m.fstype() != null && !m.fstype().isEmpty() && !m.fstype().equals("auto") ? " (" + m.fstype() + ")" : "")
                    + (m.options() != null && !m.options().isEmpty() ? " options " + m.options() : "")
                    + (m.target() != null ? ", for " + m.target() : "");
            case SwapArea s -> "swap on " + s.what();
            case CryptVolume c -> "unlock " + DeviceNodes.toUdevNode(c.device()) + " as " + c.mapperPath()
                    + (c.keyFile() != null && !c.keyFile().equals("-") && !c.keyFile().equals("none")
                            ? " with key " + c.keyFile() + (c.keyDev() != null ? " on " + c.keyDev() : "")
                            : " (passphrase)")
                    + (c.options() != null ? " options " + c.options() : "");
            case TargetRequirement t -> t.target() + " " + t.kind() + " " + t.unit();
            case LvmVolume v -> "activate LV " + v.label() + " (" + v.mapperPath() + ", " + v.vgPath() + ")";
            case LvmGroup g -> "activate " + g.wanted() + " when every PV of " + g.label() + " is present; missing PVs: "
                    + g.policy().name().toLowerCase(java.util.Locale.ROOT)
                    + (g.policy() == LvmGroup.Degraded.NEVER ? "" : " (--activationmode degraded) " + dev.stagehand.systemd.TimeSpan.format(g.timeoutMicros())
                            + " after the first PV")
                    + " (" + g.source() + ")";
            case MdArray a -> "assemble md array " + a.label() + " (" + a.readyLink() + "); missing members: "
                    + a.policy().name().toLowerCase(java.util.Locale.ROOT)
                    + (a.policy() == MdArray.Degraded.NEVER ? "" : " after " + dev.stagehand.systemd.TimeSpan.format(a.timeoutMicros()))
                    + " (" + a.source() + ")";
        };
    }

    private List<String[]> units() {
        List<String[]> out = new ArrayList<>();
        for (OutputDir d : OutputDir.values()) {
            for (Entry e : analysis.plan().entries(d)) {
                String name = (d == OutputDir.NORMAL ? "" : "(" + d.name().toLowerCase() + ") ") + e.path()
                        + (e instanceof Link l ? " -> " + l.target() : "");
                out.add(new String[] {name, from(analysis.plan().origin(e))});
            }
        }
        return out;
    }

    public String text() {
        StringBuilder b = new StringBuilder("Storage graph (in the order it is planned):\n");
        for (StorageNode n : analysis.graph().nodes()) {
            b.append("  ").append(describe(n)).append("\n      from ").append(from(origin(n))).append('\n');
        }
        b.append("\nUnits:\n");
        for (String[] u : units()) b.append("  ").append(u[0]).append("\n      from ").append(u[1]).append('\n');
        List<Diagnostic> said = messages.stream().filter(d -> d.level().priority <= Level.NOTICE.priority).toList();
        if (!said.isEmpty()) {
            b.append("\nMessages:\n");
            for (Diagnostic d : said) b.append("  ").append(d.level().name().toLowerCase()).append(": ").append(d).append('\n');
        }
        return b.toString();
    }

    static Origin origin(StorageNode n) {
        return switch (n) {
            case MountPoint m -> m.origin();
            case SwapArea s -> s.origin();
            case CryptVolume c -> c.origin();
            case TargetRequirement t -> t.origin();
            case MdArray a -> a.origin();
            case LvmVolume v -> v.origin();
            case LvmGroup g -> g.origin();
        };
    }

    public String json(TreeWriter renderer) {
        List<Object> nodes = new ArrayList<>();
        for (StorageNode n : analysis.graph().nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", switch (n) {
                case MountPoint x -> "mount";
                case SwapArea x -> "swap";
                case CryptVolume x -> "crypt";
                case TargetRequirement x -> "link";
                case MdArray x -> "md";
                case LvmVolume x -> "lvm";
                case LvmGroup x -> "lvm-vg";
            });
            m.put("text", describe(n));
            m.put("from", from(origin(n)));
            nodes.add(m);
        }
        List<Object> units = new ArrayList<>();
        for (OutputDir d : OutputDir.values()) {
            for (Entry e : analysis.plan().entries(d)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dir", d.name().toLowerCase());
                m.put("path", e.path());
                if (e instanceof Link l) m.put("link", l.target());
                if (e instanceof UnitFile f) m.put("content", renderer.render(f));
                m.put("from", from(analysis.plan().origin(e)));
                units.add(m);
            }
        }
        List<Object> msgs = new ArrayList<>();
        for (Diagnostic d : messages) {
            if (d.level().priority > Level.NOTICE.priority) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", d.level().name().toLowerCase());
            m.put("where", d.origin() == null ? null : d.origin().toString());
            m.put("message", d.message());
            msgs.add(m);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("graph", nodes);
        all.put("units", units);
        all.put("messages", msgs);
        return Json.write(all);
    }

    public String dot() {
        return new DotGraph(analysis.graph()).render();
    }
}
