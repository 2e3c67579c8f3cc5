package dev.stagehand;

import dev.stagehand.crypt.CryptsetupUnits;
import dev.stagehand.fsck.EarlyCheckUnits;
import dev.stagehand.fsck.EarlyFsckUnits;
import dev.stagehand.fsck.Independence;
import dev.stagehand.fstab.MountUnits;
import dev.stagehand.fstab.SwapUnits;
import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.EarlyCheck;
import dev.stagehand.graph.ImageFile;
import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MdArray;
import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.NetworkRoot;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.graph.SwapArea;
import dev.stagehand.graph.TargetRequirement;
import dev.stagehand.image.ImageUnits;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.lvm.LvmUnits;
import dev.stagehand.md.MdUnits;
import dev.stagehand.netroot.NetworkRootUnits;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.rootwait.LocateSettings;
import dev.stagehand.rootwait.LocateUnits;
import dev.stagehand.rootwait.RootWaitSettings;
import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.Paths;
import dev.stagehand.units.Links;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The storage graph → the plan: each node becomes its units, in one transaction per node. */
final class UnitPlanner {
    private final Log log;
    private final PlanBuilder plan;
    private final MountUnits mounts;
    private final SwapUnits swaps;
    private final CryptsetupUnits crypts;
    private final MdUnits arrays;
    private final LvmUnits groups;
    private final ImageUnits images;
    private final NetworkRootUnits fetches;
    private final Set<StorageNode> planned;
    private final Environment env;
    private final String sysrootFstab;

    /** @param planned filled with the nodes that got their units (explain shows the others as not planned) */
    UnitPlanner(Environment env, Log log, PlanBuilder plan, Set<StorageNode> planned) {
        this.log = log;
        this.plan = plan;
        this.planned = planned;
        this.env = env;
        this.sysrootFstab =
                env.input("SYSTEMD_SYSROOT_FSTAB", "/sysroot/etc/fstab").shownAs();
        this.mounts = new MountUnits(env, log, plan);
        this.swaps = new SwapUnits(env, log, plan);
        this.crypts = new CryptsetupUnits(env, log, plan);
        this.arrays = new MdUnits(log, plan);
        this.groups = new LvmUnits(log, plan);
        this.images = new ImageUnits(log, plan);
        this.fetches = new NetworkRootUnits(log, plan);
    }

    /** Plans the graph's units; returns the planned /sysroot mount, or null. */
    MountPoint plan(StorageGraph graph, RootWaitSettings rootWait, LocateSettings locate, boolean inInitrd) {
        Set<String> mounted = new HashSet<>();
        Set<Origin> unlocked = new HashSet<>();
        MountPoint root = null;
        MountPoint imageSource = null; // root=image:: the partition holding the image is the root's device
        MountPoint usr = null; // mount.usr='s, in the initrd at /sysusr/usr
        MountPoint upper = null; // root=image:'s persistent upper layer
        List<CryptVolume> volumes = new ArrayList<>();
        List<MdArray> mdArrays = new ArrayList<>();
        List<LvmVolume> lvms = new ArrayList<>();
        List<LvmGroup> lvmGroups = new ArrayList<>();
        List<MountPoint> mountList = new ArrayList<>();
        List<EarlyCheck> earlyChecks = new ArrayList<>();
        for (StorageNode n : graph.nodes()) {
            try {
                switch (n) {
                    case MountPoint m -> {
                        if (m.onlyAfter() != null && !mounted.contains(m.onlyAfter())) {
                            log.debug(m.origin(), "no " + m.where() + " without a mount on " + m.onlyAfter());
                        } else if (mounts.add(m)) {
                            planned.add(m);
                            mounted.add(m.where());
                            mountList.add(m);
                            if (Paths.equal(m.where(), "/sysroot") && root == null) root = m;
                            if (m.has(MountFlag.IMAGE_SOURCE) && imageSource == null) imageSource = m;
                            if (Paths.equal(m.where(), "/sysusr/usr") && usr == null) usr = m;
                            if (m.has(MountFlag.IMAGE_UPPER) && upper == null) upper = m;
                        }
                    }
                    case SwapArea s -> {
                        if (swaps.add(s)) planned.add(s);
                    }
                    case CryptVolume c -> {
                        if (c.fallbackFor().stream().anyMatch(unlocked::contains)) continue;
                        if (crypts.add(c)) {
                            planned.add(c);
                            unlocked.add(c.origin());
                            volumes.add(c);
                        }
                    }
                    case LvmVolume v -> { // activated by its group's unit; known for the root wait
                        lvms.add(v);
                        planned.add(v);
                    }
                    case LvmGroup g -> {
                        if (groups.add(g)) {
                            lvmGroups.add(g);
                            planned.add(g);
                        }
                    }
                    case ImageFile f -> {
                        if (images.add(f)) planned.add(f);
                    }
                    case MdArray a -> {
                        if (arrays.add(a)) {
                            mdArrays.add(a);
                            planned.add(a);
                        }
                    }
                    case EarlyCheck c -> earlyChecks.add(c); // planned below, once every mount and volume is known
                    case NetworkRoot r -> {
                        if (fetches.add(r, root)) planned.add(r);
                    }
                    case TargetRequirement t -> {
                        Optional<String> refused = plan.begin(t.origin())
                                .link(Links.dependency(t.target(), t.kind(), t.unit()))
                                .commit();
                        refused.ifPresent(p -> log.error(t.origin(), p));
                        if (refused.isEmpty()) planned.add(t);
                    }
                }
            } catch (RuntimeException e) {
                // a bug (a value the planner should have refused, a null it did not expect):
                // this entry is lost, not the entries after it, nor the root wait
                log.error(n.origin(), "internal error planning an entry, skipped: " + e);
            }
        }
        MountPoint rootDevice = imageSource != null ? imageSource : root;
        if (inInitrd)
            new RootWaitUnits(log, plan).add(rootDevice, usr, upper, mdArrays, volumes, lvmGroups, lvms, rootWait);
        if (inInitrd && root != null && imageSource == null && Paths.isDevicePath(root.what())) {
            Independence independence = new Independence(root, volumes, mdArrays, lvms);
            new EarlyFsckUnits(env, log, plan).add(mountList, independence, sysrootFstab);
            planned.addAll(new EarlyCheckUnits(log, plan).add(earlyChecks, independence, mountList));
        }
        if (inInitrd && locate.enabled()) {
            // besides the root: the initrd's own mounts (not /sysroot/etc/fstab's, read once the
            // look is long over) and the LUKS volumes' sources
            List<LocateUnits.Device> others = new ArrayList<>();
            for (MountPoint m : mountList) {
                if (m != root && m != usr && m != imageSource && !sysrootFstab.equals(m.sourcePath())) {
                    others.add(new LocateUnits.Device(m.what(), m.origin()));
                }
            }
            for (CryptVolume c : volumes)
                others.add(new LocateUnits.Device(DeviceNodes.toUdevNode(c.device()), c.origin()));
            new LocateUnits(log, plan).add(Arrays.asList(rootDevice, usr), others, locate.hint());
        }
        return root;
    }
}
