package dev.stagehand.explain;

import dev.stagehand.Generator;
import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.EarlyCheck;
import dev.stagehand.graph.ImageFile;
import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MdArray;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.NetworkRoot;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.graph.SwapArea;
import dev.stagehand.graph.TargetRequirement;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Level;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.Entry;
import dev.stagehand.plan.Link;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.rootwait.LocateUnits;
import dev.stagehand.systemd.Booleans;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.write.TreeWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the generator would do, said three ways: text for people, JSON for tools, Graphviz
 * DOT for a picture of the storage graph. Every node and unit names the input it came from.
 */
public final class Explanation {
    /** The version of the JSON output (docs/explain.md): raised when a field changes meaning or goes away. */
    public static final int JSON_VERSION = 1;

    private final Generator.Analysis analysis;
    private final List<Diagnostic> messages;
    private final String note;
    /** The nodes shown, in the graph's order: every node but a command line volume a crypttab line made needless. */
    private final List<StorageNode> shown = new ArrayList<>();
    /** For a crypt volume, the command line words that name it too (their own node is not shown). */
    private final Map<StorageNode, List<Origin>> also = new IdentityHashMap<>();

    private final Map<StorageNode, String> ids = new IdentityHashMap<>();
    private final StorageEdges edges;

    public Explanation(Generator.Analysis analysis, List<Diagnostic> messages) {
        this(analysis, messages, null);
    }

    /** @param note said first (e.g. {@link #hostNote}), or null */
    public Explanation(Generator.Analysis analysis, List<Diagnostic> messages, String note) {
        this.analysis = analysis;
        this.messages = List.copyOf(messages);
        this.note = note;
        List<StorageNode> nodes = analysis.graph().nodes();
        for (int i = 0; i < nodes.size(); i++) ids.put(nodes.get(i), "n" + i);
        for (StorageNode n : nodes) {
            CryptVolume named = n instanceof CryptVolume c && !analysis.isPlanned(c) ? plannedCrypttabLine(c) : null;
            if (named == null) {
                shown.add(n);
            } else {
                also.computeIfAbsent(named, k -> new ArrayList<>()).add(n.origin());
            }
        }
        this.edges = new StorageEdges(shown.stream().filter(analysis::isPlanned).toList(), ids::get);
    }

    /**
     * The planned crypttab volume that made the command line volume {@code c} needless (systemd
     * unlocks a volume named by both once, as crypttab says), or null.
     */
    private CryptVolume plannedCrypttabLine(CryptVolume c) {
        for (StorageNode n : analysis.graph().nodes()) {
            if (n instanceof CryptVolume line
                    && analysis.isPlanned(line)
                    && c.fallbackFor().contains(line.origin())) return line;
        }
        return null;
    }

    /**
     * What explain says first when it plans as the host: outside the initrd the generator reads
     * much less, which is rarely what someone explaining a boot wants.
     */
    public static String hostNote(Environment env) {
        if (env.inInitrd()) return null;
        String why = Booleans.parse(env.get("SYSTEMD_IN_INITRD")) != null
                ? "SYSTEMD_IN_INITRD=0 or --no-initrd says so"
                : "there is no /etc/initrd-release";
        return "planning as the host system, not an initrd: " + why + ", so root=, mount.usr=, rd.* keys and "
                + "/sysroot/etc/fstab are not used and no root wait is planned; --initrd plans as the initrd would";
    }

    static String from(Origin o) {
        return o == null ? "(built in)" : o.toString();
    }

    /** One line per node, in systemd's words. */
    static String describe(StorageNode n) {
        return switch (n) {
            case MountPoint m ->
                "mount " + m.what() + " on " + m.where()
                        + (m.fstype() != null
                                        && !m.fstype().isEmpty()
                                        && !m.fstype().equals("auto")
                                ? " (" + m.fstype() + ")"
                                : "")
                        + (m.options() != null && !m.options().isEmpty() ? " options " + m.options() : "")
                        + (m.target() != null ? ", for " + m.target() : "");
            case SwapArea s -> "swap on " + s.what();
            case CryptVolume c ->
                "unlock " + DeviceNodes.toUdevNode(c.device()) + " as " + c.mapperPath()
                        + (c.keyFile() != null
                                        && !c.keyFile().equals("-")
                                        && !c.keyFile().equals("none")
                                ? " with key " + c.keyFile() + (c.keyDev() != null ? " on " + c.keyDev() : "")
                                : " (passphrase)")
                        + (c.options() != null ? " options " + c.options() : "");
            case TargetRequirement t -> t.target() + " " + t.kind() + " " + t.unit();
            case ImageFile f ->
                "check the root image " + f.path() + (f.fstype() != null ? " (" + f.fstype() + ")" : "")
                        + (f.overlayDir() != null ? ", make upper/ and work/ in " + f.overlayDir() : "") + ", for "
                        + f.mountedOn();
            case LvmVolume v -> "activate LV " + v.label() + " (" + v.mapperPath() + ", " + v.vgPath() + ")";
            case LvmGroup g ->
                "activate " + g.wanted() + " when every PV of " + g.label() + " is present; missing PVs: "
                        + g.policy().name().toLowerCase(Locale.ROOT)
                        + (g.policy() == LvmGroup.Degraded.NEVER
                                ? ""
                                : " (--activationmode degraded) " + TimeSpan.format(g.timeoutMicros())
                                        + " after the first PV")
                        + " (" + g.source() + ")";
            case MdArray a ->
                "assemble md array " + a.label() + " (" + a.readyLink() + "); missing members: "
                        + a.policy().name().toLowerCase(Locale.ROOT)
                        + (a.policy() == MdArray.Degraded.NEVER ? "" : " after " + TimeSpan.format(a.timeoutMicros()))
                        + " (" + a.source() + ")";
            case NetworkRoot r ->
                "download " + r.layers().size() + (r.layers().size() == 1 ? " layer" : " layers")
                        + " into the tmpfs on /sysroot (size=" + r.size() + ") once the network is online, within "
                        + (r.timeoutMicros() == TimeSpan.INFINITY
                                ? "no time limit"
                                : TimeSpan.format(r.timeoutMicros()))
                        + ": "
                        + String.join(
                                ", then ",
                                r.layers().stream()
                                        .map(l -> String.join(" or ", l.mirrors())
                                                + (l.sha256() != null
                                                        ? " (sha256 " + l.sha256() + ")"
                                                        : l.sha256sums()
                                                                ? " (sha256 from the SHA256SUMS beside it)"
                                                                : ""))
                                        .toList());
            case EarlyCheck c ->
                "check " + c.what() + " (the host's " + c.where() + ") when it appears, without mounting it";
        };
    }

    private List<String[]> units() {
        List<String[]> out = new ArrayList<>();
        for (OutputDir d : OutputDir.values()) {
            for (Entry e : analysis.plan().entries(d)) {
                String name = (d == OutputDir.NORMAL ? "" : "(" + d.name().toLowerCase() + ") ")
                        + e.path()
                        + (e instanceof Link l ? " -> " + l.target() : "");
                out.add(new String[] {name, from(analysis.plan().origin(e))});
            }
        }
        return out;
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        if (note != null) b.append("Note: ").append(note).append("\n\n");
        b.append("Storage graph (in the order it is planned):\n");
        for (StorageNode n : shown) {
            b.append("  ").append(describe(n)).append("\n      from ").append(from(origin(n)));
            for (Origin o : also.getOrDefault(n, List.of()))
                b.append(", also named by ").append(from(o));
            b.append('\n');
            if (!analysis.isPlanned(n)) {
                b.append("      not planned")
                        .append(said(n.origin()) ? " (see the messages)" : "")
                        .append('\n');
            }
        }
        if (!edges.edges().isEmpty()) {
            b.append(
                    "\nHow it stacks (\"?\": a guess: LVM finds its physical volumes, and udev what a UUID= or LABEL= names,"
                            + " by scanning):\n");
            for (StorageEdges.Edge e : edges.edges()) {
                b.append("  ").append(e.from().label()).append(" -> ").append(e.to().label());
                if (e.guess() != null) b.append(" (").append(e.guess()).append(')');
                b.append('\n');
            }
        }
        List<MountPoint> located = located();
        if (!located.isEmpty()) {
            b.append("\nHow the root's devices are found:\n");
            for (MountPoint m : located)
                b.append("  ")
                        .append(m.where())
                        .append(": ")
                        .append(m.what())
                        .append(", ")
                        .append(found(m.what()))
                        .append('\n');
        }
        b.append("\nUnits:\n");
        for (String[] u : units())
            b.append("  ").append(u[0]).append("\n      from ").append(u[1]).append('\n');
        List<Diagnostic> said = messages.stream()
                .filter(d -> d.level().priority <= Level.NOTICE.priority)
                .toList();
        if (!said.isEmpty()) {
            b.append("\nMessages:\n");
            for (Diagnostic d : said)
                b.append("  ")
                        .append(d.level().name().toLowerCase())
                        .append(": ")
                        .append(d)
                        .append('\n');
        }
        return b.toString();
    }

    /** How stagehand-locate.service finds what this link names (docs/locate.md). */
    static String found(String what) {
        String where = what.startsWith("/dev/disk/by-partlabel/")
                ? "in sysfs (the kernel's PARTNAME=) and its disk's GPT"
                : "in its disk's GPT";
        return "udev's link, as systemd names it; before udev's coldplug " + LocateUnits.SERVICE
                + " looks for the partition " + where + ", and asks udev for that partition first";
    }

    /** The planned root and /usr mounts stagehand-locate.service looks for (LocateUnits), if it is planned. */
    private List<MountPoint> located() {
        boolean planned = analysis.plan().entries(OutputDir.NORMAL).stream()
                .anyMatch(e -> e.path().equals(LocateUnits.SERVICE));
        List<MountPoint> out = new ArrayList<>();
        if (!planned) return out;
        for (StorageNode n : shown) {
            if (n instanceof MountPoint m
                    && analysis.isPlanned(m)
                    && LocateUnits.locatable(m.what())
                    && (m.where().equals("/sysroot") || m.where().equals("/sysusr/usr"))) {
                out.add(m);
            }
        }
        return out;
    }

    /** Whether a message that is shown (notice or worse) names this origin. */
    private boolean said(Origin o) {
        return messages.stream()
                .anyMatch(d -> d.level().priority <= Level.NOTICE.priority && o != null && o.equals(d.origin()));
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
            case ImageFile f -> f.origin();
            case NetworkRoot r -> r.origin();
            case EarlyCheck c -> c.origin();
        };
    }

    public String json(TreeWriter renderer) {
        List<Object> nodes = new ArrayList<>();
        for (StorageNode n : shown) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", ids.get(n));
            m.put(
                    "kind",
                    switch (n) {
                        case MountPoint x -> "mount";
                        case SwapArea x -> "swap";
                        case CryptVolume x -> "crypt";
                        case TargetRequirement x -> "link";
                        case MdArray x -> "md";
                        case LvmVolume x -> "lvm";
                        case LvmGroup x -> "lvm-vg";
                        case ImageFile x -> "image-check";
                        case NetworkRoot x -> "network-root";
                        case EarlyCheck x -> "early-check";
                    });
            m.put("text", describe(n));
            m.put("origin", json(origin(n)));
            m.put(
                    "also",
                    also.getOrDefault(n, List.of()).stream()
                            .map(Explanation::json)
                            .toList());
            m.put("planned", analysis.isPlanned(n));
            if (n instanceof MountPoint mp && located().contains(mp)) m.put("found", found(mp.what()));
            nodes.add(m);
        }
        for (StorageEdges.Vertex v : edges.vertices()) {
            if (v.kind() == StorageEdges.Kind.NODE) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", v.id());
            m.put("kind", v.kind() == StorageEdges.Kind.DEVICE ? "device" : "source");
            m.put("text", v.label());
            nodes.add(m);
        }
        List<Object> links = new ArrayList<>();
        for (StorageEdges.Edge e : edges.edges()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", e.from().id());
            m.put("to", e.to().id());
            m.put("guess", e.guess());
            links.add(m);
        }
        List<Object> units = new ArrayList<>();
        for (OutputDir d : OutputDir.values()) {
            for (Entry e : analysis.plan().entries(d)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dir", d.name().toLowerCase());
                m.put("path", e.path());
                if (e instanceof Link l) m.put("link", l.target());
                if (e instanceof UnitFile f) m.put("content", renderer.render(f));
                m.put("origin", json(analysis.plan().origin(e)));
                units.add(m);
            }
        }
        List<Object> msgs = new ArrayList<>();
        for (Diagnostic d : messages) {
            if (d.level().priority > Level.NOTICE.priority) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", d.level().name().toLowerCase());
            m.put("origin", json(d.origin()));
            m.put("message", d.message());
            msgs.add(m);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("version", JSON_VERSION);
        all.put("initrd", note == null);
        all.put("notes", note == null ? List.of() : List.of(note));
        all.put("nodes", nodes);
        all.put("edges", links);
        all.put("units", units);
        all.put("messages", msgs);
        return Json.write(all);
    }

    /** An origin as JSON: file, line (null for a whole file or the command line), key (a command line word's), text. */
    private static Map<String, Object> json(Origin o) {
        if (o == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", o.file());
        m.put("line", o.line() > 0 ? o.line() : null);
        m.put("key", o.key());
        m.put("text", o.toString());
        return m;
    }

    public String dot() {
        return new DotGraph(edges, note).render();
    }
}
