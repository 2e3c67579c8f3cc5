package dev.stagehand.explain;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.EarlyCheck;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MdArray;
import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.NetworkRoot;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.graph.SwapArea;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.Paths;
import dev.stagehand.units.Units;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What lies on what: the storage graph as vertices (the planned nodes that act on devices, and
 * the devices between them) and edges, bottom-up from disks to mount points. One model for
 * explain's text, JSON and DOT, so the three show the same edges.
 *
 * <p>Edges the inputs state are known: a crypt volume's source, an md array's devices=, a
 * mount's or swap's device, what a volume, array or LV makes. Where the inputs cannot say,
 * the usual stacking (md arrays, LUKS volumes, LVM, the root file system) gives guesses, from
 * each device the initrd makes that nothing names to the next layer up that has an input no
 * planned node makes: a LUKS source named by UUID= ("holds it?"), a logical volume (LVM finds
 * its physical volumes by scanning: "PV?"), the device of the root or /usr file system named by
 * UUID= or LABEL= ("holds it?").
 */
final class StorageEdges {
    /** What a vertex is: a node of the graph, a device, or a mount source that is not a device (tmpfs, a server). */
    enum Kind {
        NODE,
        DEVICE,
        SOURCE
    }

    /** @param node the graph's node for {@link Kind#NODE}, else null */
    record Vertex(String id, Kind kind, String label, StorageNode node) {}

    /** @param guess null for an edge the inputs state, else its label ("PV?", "holds it?") */
    record Edge(Vertex from, Vertex to, String guess) {}

    static final String PV = "PV?";
    static final String HOLDS = "holds it?";

    /** The layers of the usual stacking, lowest first, for the guesses. */
    private static final int MD = 0, LUKS = 1, LVM = 2, ROOT = 3;

    private final Function<StorageNode, String> ids;
    private final Map<String, Vertex> vertices = new LinkedHashMap<>();
    private final Set<Edge> edges = new LinkedHashSet<>();
    /** Device paths that name the same device (an LV's /dev/VG/LV) → the one drawn. */
    private final Map<String, String> aliases = new LinkedHashMap<>();

    private int devices;

    /**
     * @param planned the planned nodes, in the graph's order
     * @param ids     each node's id (the same in every format)
     */
    StorageEdges(List<StorageNode> planned, Function<StorageNode, String> ids) {
        this.ids = ids;
        for (StorageNode n : planned) {
            if (n instanceof LvmVolume v) aliases.put(Paths.simplify(v.vgPath()), Paths.simplify(v.mapperPath()));
        }
        Map<String, Integer> made = new LinkedHashMap<>(); // device → the layer that makes it
        Set<String> used = new HashSet<>();
        List<List<Vertex>> open = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<Object[]> luksSources = new ArrayList<>(); // {source vertex, source key}, decided when all is made
        List<Object[]> rootDevices = new ArrayList<>();
        for (StorageNode n : planned) {
            switch (n) {
                case CryptVolume c -> {
                    Vertex box = node(n, "unlock " + c.name());
                    String source = key(DeviceNodes.toUdevNode(c.device()));
                    edge(device(source), box, null);
                    edge(box, device(key(c.mapperPath())), null);
                    used.add(source);
                    // a volume unlocked only on request holds nothing the boot waits for
                    if (!FstabOptions.yesNo(c.options(), "noauto", "auto")) {
                        made.putIfAbsent(key(c.mapperPath()), LUKS);
                        luksSources.add(new Object[] {device(source), source});
                    }
                }
                case MdArray a -> {
                    Vertex box = node(n, "assemble " + a.label());
                    // the /dev/md/NAME link is what crypttab and fstab name; the by-id link otherwise
                    String out = key(
                            a.name() != null
                                    ? "/dev/md/" + a.name().substring(a.name().indexOf(':') + 1)
                                    : a.readyLink());
                    edge(box, device(out), null);
                    made.putIfAbsent(out, MD);
                    // members its ARRAY line names (devices=): RAID on LUKS, say
                    for (String m : a.members()) {
                        edge(device(key(m)), box, null);
                        used.add(key(m));
                    }
                }
                case LvmVolume v -> {
                    Vertex box = node(n, "activate " + v.label());
                    edge(box, device(key(v.mapperPath())), null);
                    made.putIfAbsent(key(v.mapperPath()), LVM);
                    open.get(LVM).add(box);
                }
                case MountPoint m -> {
                    Vertex folder = node(n, m.where());
                    boolean isDevice = Paths.isAbsolute(m.what()) && m.what().startsWith("/dev/");
                    List<MountPoint> below = isDevice ? List.of() : mountsBelow(m, planned);
                    for (MountPoint b : below) edge(node(b, b.where()), folder, null);
                    if (below.isEmpty()) edge(isDevice ? device(key(m.what())) : source(m.what()), folder, null);
                    if (isDevice) {
                        used.add(key(m.what()));
                        if (Paths.inSet(m.where(), "/sysroot", "/sysusr/usr") && !m.has(MountFlag.IMAGE)
                                || m.has(MountFlag.IMAGE_SOURCE)) {
                            rootDevices.add(new Object[] {device(key(m.what())), key(m.what())});
                        }
                    }
                }
                case NetworkRoot r -> {
                    // network-online.target -> each layer -> the download -> the tmpfs (whose
                    // MountPoint draws tmpfs -> /sysroot)
                    Vertex box = node(n, "download the root");
                    for (int i = 0; i < r.layers().size(); i++) {
                        Vertex layer = source("layer " + (i + 1) + ": "
                                + String.join(" | ", r.layers().get(i).mirrors()));
                        edge(source(Units.NETWORK_ONLINE_TARGET), layer, null);
                        edge(layer, box, null);
                    }
                    edge(box, source("tmpfs"), null);
                }
                case EarlyCheck c -> edge(device(key(c.what())), node(n, "check " + c.where()), null);
                case SwapArea s -> {
                    edge(device(key(s.what())), node(n, "swap"), null);
                    used.add(key(s.what()));
                }
                default -> {}
            }
        }
        for (Object[] s : luksSources)
            if (!made.containsKey((String) s[1])) open.get(LUKS).add((Vertex) s[0]);
        for (Object[] r : rootDevices)
            if (!made.containsKey((String) r[1])) open.get(ROOT).add((Vertex) r[0]);
        made.forEach((d, layer) -> {
            if (used.contains(d)) return;
            for (int up = layer + 1; up <= ROOT; up++) {
                if (open.get(up).isEmpty()) continue;
                for (Vertex to : open.get(up)) edge(vertices.get("dev:" + d), to, up == LVM ? PV : HOLDS);
                return;
            }
        });
    }

    /**
     * The planned mounts a mount lies on when its source is not a device: the mount holding an
     * image file (a loop mount), the lower and upper layers of an overlay.
     */
    private static List<MountPoint> mountsBelow(MountPoint m, List<StorageNode> planned) {
        List<String> paths = new ArrayList<>();
        if ("overlay".equals(m.fstype())) {
            String lower = FstabOptions.value(m.options(), "lowerdir");
            if (lower != null) paths.addAll(List.of(lower.split(":")));
            String upper = FstabOptions.value(m.options(), "upperdir");
            if (upper != null) paths.add(upper);
        } else if (Paths.isAbsolute(m.what())) {
            paths.add(m.what());
        }
        List<MountPoint> out = new ArrayList<>();
        for (String p : paths) {
            MountPoint holder = null; // the innermost mount that holds p
            for (StorageNode n : planned) {
                if (n instanceof MountPoint h
                        && h != m
                        && Paths.startsWith(p, h.where()) != null
                        && (holder == null
                                || h.where().length() > holder.where().length())) {
                    holder = h;
                }
            }
            if (holder != null && !out.contains(holder)) out.add(holder);
        }
        return out;
    }

    List<Vertex> vertices() {
        return List.copyOf(vertices.values());
    }

    List<Edge> edges() {
        return List.copyOf(edges);
    }

    private String key(String path) {
        String p = Paths.isAbsolute(path) ? Paths.simplify(path) : path;
        return aliases.getOrDefault(p, p);
    }

    private Vertex node(StorageNode n, String label) {
        return vertices.computeIfAbsent("node:" + ids.apply(n), k -> new Vertex(ids.apply(n), Kind.NODE, label, n));
    }

    private Vertex device(String path) {
        return vertices.computeIfAbsent("dev:" + path, k -> new Vertex("d" + devices++, Kind.DEVICE, path, null));
    }

    private Vertex source(String what) {
        return vertices.computeIfAbsent("src:" + what, k -> new Vertex("d" + devices++, Kind.SOURCE, what, null));
    }

    private void edge(Vertex from, Vertex to, String guess) {
        edges.add(new Edge(from, to, guess));
    }
}
