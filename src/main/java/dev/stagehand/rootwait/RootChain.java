package dev.stagehand.rootwait;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MdArray;
import dev.stagehand.lvm.LvmNames;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.TimeSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chain of devices the root waits for, lowest layer first, so that the first missing link
 * the root wait names is the cause and not a consequence.
 *
 * <p>The order comes from the storage graph where the graph knows it: a LUKS volume whose
 * source is a logical volume comes after that LV and its volume group (LUKS on LVM), one on an
 * md array after the array, an md array whose ARRAY line names LUKS volumes as its devices= after
 * them (RAID on LUKS), an LV after its group. What the graph cannot know (LVM finds its
 * physical volumes by scanning, and md its members) keeps the usual stacking: md arrays, then
 * LUKS volumes, then volume groups, then logical volumes.
 */
final class RootChain {
    /**
     * A device on the chain to root, and what it is to the root.
     *
     * @param timed the root wait times it: systemd gets no job timeout of its own for it (its
     *              device unit gets the drop-in), as a passphrase may be typed while it waits
     */
    record Link(String path, String what, boolean timed) {}

    /** One node of the graph on the chain: its links, in order, and its place in the usual stacking. */
    private static final class Layer {
        final List<Link> links = new ArrayList<>();
        final List<Layer> below = new ArrayList<>();
        boolean placed;
    }

    private RootChain() {}

    /**
     * @param rootWhat the device of the /sysroot mount
     * @param arrays   the md arrays the initrd assembles
     * @param volumes  the planned crypt volumes
     * @param groups   the volume groups the initrd activates
     * @param lvms     the logical volumes the initrd activates
     */
    static List<Link> of(
            String rootWhat,
            List<MdArray> arrays,
            List<CryptVolume> volumes,
            List<LvmGroup> groups,
            List<LvmVolume> lvms) {
        List<Layer> layers = new ArrayList<>(); // in the usual stacking: the tie-breaker
        Map<MdArray, Layer> md = new LinkedHashMap<>();
        for (MdArray a : arrays) {
            // only named in the message; nothing waits on an array with a job
            md.put(a, layer(layers, new Link(a.readyLink(), a.label() + " running", false)));
        }
        Map<CryptVolume, Layer> crypt = new LinkedHashMap<>();
        for (CryptVolume v : relevant(rootWhat, volumes)) {
            Layer l = layer(
                    layers, new Link(DeviceNodes.toUdevNode(v.device()), "encrypted source of " + v.name(), true));
            if (!Paths.equal(v.mapperPath(), rootWhat))
                l.links.add(new Link(v.mapperPath(), v.name() + " unlocked", true));
            crypt.put(v, l);
        }
        // /dev/VG appears with the first active LV; the text names the policy, so that a group
        // left inactive by policy is named as such when the wait gives up
        Map<String, Layer> vgs = new LinkedHashMap<>();
        for (LvmGroup g : groups) {
            vgs.putIfAbsent(
                    g.vg(),
                    layer(
                            layers,
                            new Link(
                                    "/dev/" + g.vg(),
                                    g.label() + " active (missing PVs: "
                                            + (g.policy() == LvmGroup.Degraded.NEVER
                                                    ? "never activated degraded"
                                                    : "degraded " + TimeSpan.format(g.timeoutMicros())
                                                            + " after the first PV")
                                            + ")",
                                    false)));
        }
        Map<LvmVolume, Layer> lv = new LinkedHashMap<>();
        for (LvmVolume v : lvms) {
            // the LV that is the root device itself is the end of the chain, not a link
            if (Paths.equal(v.mapperPath(), rootWhat) || Paths.equal(v.vgPath(), rootWhat)) continue;
            Layer l = layer(layers, new Link(v.mapperPath(), "LV " + v.label() + " active", false));
            Layer g = vgs.get(v.vg());
            if (g != null) l.below.add(g);
            lv.put(v, l);
        }
        // what the graph knows: the layer each LUKS source lies on
        List<String> cryptNames = volumes.stream().map(CryptVolume::name).toList();
        crypt.forEach((v, l) -> {
            Link source = l.links.get(0);
            for (Map.Entry<LvmVolume, Layer> e : lv.entrySet()) {
                LvmVolume v2 = e.getKey();
                if (Paths.equal(source.path(), v2.mapperPath()) || Paths.equal(source.path(), v2.vgPath())) {
                    // one device, one link: the LV's text joins the source's, which is timed
                    l.links.set(0, new Link(source.path(), "LV " + v2.label() + " active, " + source.what(), true));
                    e.getValue().links.clear();
                    l.below.add(e.getValue());
                    return;
                }
            }
            // an LV of a planned group, unless the path is a crypt volume's (LUKS on LUKS, luks-UUID)
            String[] vgLv = LvmNames.parseNotCrypt(source.path(), cryptNames);
            if (vgLv != null && vgs.containsKey(vgLv[0])) {
                l.below.add(vgs.get(vgLv[0]));
                return;
            }
            md.forEach((a, m) -> {
                if (Paths.equal(source.path(), a.readyLink())
                        || a.name() != null && Paths.equal(source.path(), "/dev/md/" + a.name())) {
                    l.below.add(m);
                }
            });
        });
        // an array whose ARRAY line names LUKS volumes as its members lies on them (RAID on LUKS)
        md.forEach((a, m) -> crypt.forEach((v, l) -> {
            for (String member : a.members()) if (Paths.equal(member, v.mapperPath())) m.below.add(l);
        }));
        // lowest layer first: a layer comes after the layers it lies on, else in the usual stacking
        Map<String, Link> out = new LinkedHashMap<>();
        for (Layer l : layers) place(l, out);
        return List.copyOf(out.values());
    }

    private static Layer layer(List<Layer> layers, Link first) {
        Layer l = new Layer();
        l.links.add(first);
        layers.add(l);
        return l;
    }

    /** Places the layers below {@code l}, then {@code l} (once: input that makes a cycle gets an order, not a loop). */
    private static void place(Layer l, Map<String, Link> out) {
        if (l.placed) return;
        l.placed = true;
        for (Layer b : l.below) place(b, out);
        for (Link k : l.links) {
            // a device named twice (two volumes on one source, a LUKS source named by an md
            // array's link) is one link, at its first place, timed if either is
            out.merge(
                    k.path(),
                    k,
                    (a, b) -> a.timed() || !b.timed() ? a : new Link(a.path(), a.what() + ", " + b.what(), true));
        }
    }

    /**
     * The crypt volumes the root depends on: the volume whose mapped device is root, or else every
     * volume unlocked in the initrd (one of them may hold the root file system).
     */
    static List<CryptVolume> relevant(String rootWhat, List<CryptVolume> volumes) {
        List<CryptVolume> relevant = new ArrayList<>();
        for (CryptVolume v : volumes) {
            if (Paths.equal(v.mapperPath(), rootWhat)) return List.of(v);
            if (!FstabOptions.yesNo(v.options(), "noauto", "auto")) relevant.add(v);
        }
        return relevant;
    }
}
