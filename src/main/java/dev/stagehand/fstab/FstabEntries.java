package dev.stagehand.fstab;

import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.SwapArea;
import dev.stagehand.input.Chase;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.DeviceSpecs;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.MountPoints;
import dev.stagehand.systemd.Paths;
import dev.stagehand.units.Units;
import java.util.EnumSet;
import java.util.Set;

/**
 * Decides what one fstab-style entry (from a file or systemd.mount-extra=) asks for, as
 * systemd-fstab-generator's parse_fstab_one(): which entries of /sysroot/etc/fstab matter in
 * the initrd, device tags to udev paths, symlinks in mount points resolved, the target, and
 * the extra /sysusr/usr bind mount for /usr.
 */
final class FstabEntries {
    private final Environment env;
    private final Log log;
    private final boolean swapEnabled;

    FstabEntries(Environment env, Log log, boolean swapEnabled) {
        this.env = env;
        this.log = log;
        this.swapEnabled = swapEnabled;
    }

    /** An entry as read: fstab fields, or a mount-extra entry. */
    record Entry(
            Origin origin, String sourcePath, String what, String where, String fstype, String options, int passno) {}

    /**
     * @param prefixSysroot the entry is for the real root (from /sysroot/etc/fstab, or a
     *                      non-rd mount-extra in the initrd): only initrd mounts, under /sysroot
     * @param acceptRoot    "/" counts as an initrd mount (command line entries)
     * @param useSwapEnabled systemd.swap=0 applies
     */
    void add(StorageGraph graph, Entry e, boolean prefixSysroot, boolean acceptRoot, boolean useSwapEnabled) {
        String options = e.options();
        if (prefixSysroot && !mountInInitrd(e.where(), options, acceptRoot)) return;

        boolean isSwap = "swap".equals(e.fstype());
        if (isSwap && useSwapEnabled && !swapEnabled) {
            log.info(
                    e.origin(),
                    "swap unit generation disabled on the kernel command line, ignoring swap entry for " + e.what());
            return;
        }
        // a bind mount's source is a path, and systemd gives it no device dependency (the mount
        // waits for no device): only what names a device to wait for is checked
        DeviceSpecs.Refusal refused = MountPoints.isBind(options, e.fstype())
                ? null
                : DeviceSpecs.check(e.what(), DeviceSpecs.Role.FILE_SYSTEM);
        if (refused != null) {
            log.error(e.origin(), refused.message(e.what()) + "; entry ignored");
            return;
        }
        String what = DeviceNodes.toUdevNode(e.what());
        if (env.sysIsReadOnly() && (what.equals("sysfs") || (env.sysfsCheck() && Paths.isDevicePath(what)))) {
            log.info(e.origin(), "/sys/ is read-only (running in a container?), ignoring mount for " + what);
            return;
        }
        Set<MountFlag> flags = MountFlag.fromOptions(options, isSwap);
        if (isSwap) {
            graph.add(new SwapArea(e.origin(), e.sourcePath(), what, options, flags));
            return;
        }
        int passno = e.passno() < 0 ? (Paths.isDevicePath(what) ? 1 : 0) : e.passno();
        if (!Paths.isPath(e.where())) {
            log.error(
                    e.origin(),
                    "mount point \"" + e.where() + "\" is not a valid path (expected an absolute path); entry ignored");
            return;
        }
        String where = canonicalize(e.where(), prefixSysroot);
        boolean whereChanged = !where.equals(e.where());
        if (prefixSysroot && MountPoints.isBind(options, e.fstype())) {
            what = canonicalize(what, true); // a bind source lives in the real root too
        }

        boolean isSysroot = env.inInitrd() && Paths.equal(where, "/sysroot");
        boolean isSysrootUsr = env.inInitrd() && Paths.equal(where, "/sysroot/usr");
        String target = isSysroot
                ? Units.INITRD_ROOT_FS_TARGET
                : isSysrootUsr
                        ? Units.INITRD_USR_FS_TARGET
                        : prefixSysroot
                                ? Units.INITRD_FS_TARGET
                                : MountPoints.isNetwork(e.fstype(), options)
                                        ? Units.REMOTE_FS_TARGET
                                        : Units.LOCAL_FS_TARGET;

        if (isSysroot || isSysrootUsr) {
            EnumSet<MountFlag> f = flags.isEmpty() ? EnumSet.noneOf(MountFlag.class) : EnumSet.copyOf(flags);
            options = MandatoryMounts.dropInapplicableOptions(f, where, options, log, e.origin());
            flags = f;
        }
        graph.add(new MountPoint(
                e.origin(),
                e.sourcePath(),
                OutputDir.NORMAL,
                what,
                isSysrootUsr ? "/sysusr/usr" : where,
                !isSysrootUsr && whereChanged ? e.where() : null,
                e.fstype(),
                options,
                passno,
                flags,
                target,
                null));
        if (isSysrootUsr) graph.add(RootMounts.sysusrBindMount(e.origin(), e.sourcePath()));
    }

    /** mount_in_initrd(). */
    static boolean mountInInitrd(String where, String options, boolean acceptRoot) {
        return FstabOptions.has(options, "x-initrd.mount")
                || (where != null && Paths.inSet(where, "/usr", acceptRoot ? "/" : null));
    }

    /**
     * canonicalize_mount_path(): symlinks resolved (below /sysroot for the real root's
     * entries); where that fails, the path as written (prefixed), simplified.
     */
    private String canonicalize(String path, boolean prefixSysroot) {
        String p = Chase.chase(env.root(), path, prefixSysroot ? "/sysroot" : "/");
        if (p == null) p = Paths.simplify(prefixSysroot ? Paths.join("/sysroot", path) : path);
        return p;
    }
}
