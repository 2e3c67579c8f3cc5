package dev.stagehand.fstab;

import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.NetworkRoot;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.TargetRequirement;
import dev.stagehand.image.ImageRoots;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.netroot.LayerSpecs;
import dev.stagehand.netroot.NetworkRootSettings;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.DeviceSpecs;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.InetAddresses;
import dev.stagehand.systemd.Paths;
import dev.stagehand.units.SystemdPaths;
import dev.stagehand.units.Units;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The root and /usr file systems named on the kernel command line (root=, mount.usr= and
 * their type, flags and ro/rw), as systemd-fstab-generator's add_sysroot_mount() and
 * add_sysroot_usr_mount(): /sysroot, and /usr mounted at /sysusr/usr then bind-mounted to
 * /sysroot/usr. Also systemd.volatile=.
 */
final class RootMounts {
    static final String SOURCE = "/proc/cmdline";

    private final Log log;
    private final Supplier<NetworkRootSettings> networkRoot;

    /** @param networkRoot the settings of a downloaded root, asked for only when root= is a URL */
    RootMounts(Log log, Supplier<NetworkRootSettings> networkRoot) {
        this.log = log;
        this.networkRoot = networkRoot;
    }

    /** The /sysusr/usr → /sysroot/usr bind mount that completes a separate /usr. */
    static MountPoint sysusrBindMount(Origin origin, String sourcePath) {
        return new MountPoint(
                origin,
                sourcePath,
                OutputDir.NORMAL,
                "/sysusr/usr",
                "/sysroot/usr",
                null,
                null,
                "bind",
                0,
                Set.of(),
                Units.INITRD_FS_TARGET,
                "/sysusr/usr");
    }

    /**
     * The word that named the root device: root=, or roothash= when verity chose it. {@code given}
     * is the command line as written, before {@link FstabCommandLine#withVerity}.
     */
    static Origin rootOrigin(FstabCommandLine given) {
        return Origin.cmdline(
                given.rootWhat() == null && given.rootHash() != null && given.verity() ? "roothash=" : "root=");
    }

    /**
     * The word that named /usr: mount.usr=, else usrhash= (verity's /dev/mapper/usr), else the
     * mount.usrfstype= or mount.usrflags= that made /usr a mount of root's device.
     */
    static Origin usrOrigin(FstabCommandLine given) {
        if (given.usrWhat() != null) return Origin.cmdline("mount.usr=");
        if (given.usrHash() != null && given.verity()) return Origin.cmdline("usrhash=");
        if (given.usrFstype() != null) return Origin.cmdline("mount.usrfstype=");
        if (given.usrOptions() != null) return Origin.cmdline("mount.usrflags=");
        return Origin.cmdline("mount.usr=");
    }

    /** add_sysroot_mount(); {@code o} is {@link #rootOrigin}. */
    void addRoot(StorageGraph graph, FstabCommandLine c, Origin o) {
        String rootWhat = c.rootWhat();
        Boolean rw = c.rootRw();
        if (rootWhat == null || rootWhat.isEmpty()) {
            log.debug(o, "no root= on the kernel command line");
            return;
        }
        switch (rootWhat) {
            case "gpt-auto" -> {
                log.debug(o, "root=gpt-auto is handled by systemd-gpt-auto-generator");
                return;
            }
            case "fstab" -> {
                log.debug(o, "using the initrd's fstab for /sysroot");
                return;
            }
            default -> {}
        }
        if (ImageRoots.isImageRoot(rootWhat)) {
            log.debug(o, "root=" + rootWhat + " is an image file: its mounts are planned with the overlay settings");
            return;
        }
        if (LayerSpecs.isNetworkRoot(rootWhat)) {
            addDownloadedRoot(graph, c, o);
            return;
        }
        if (isNetworkRoot(rootWhat)) {
            log.debug(o, "root on the network (" + rootWhat + ") is handled by the initrd's network code");
            return;
        }
        String what, fstype, extraOpts = null;
        boolean defaultRw;
        if (rootWhat.equals("tmpfs")) {
            what = "rootfs"; // a name for /proc/self/mountinfo
            fstype = c.rootFstype() != null ? c.rootFstype() : "tmpfs";
            defaultRw = true;
            if (fstype.equals("tmpfs") && !FstabOptions.has(c.rootOptions(), "mode")) extraOpts = "mode=0755";
        } else {
            if (!namesADevice(o, rootWhat, "root=", c.rootFstype())) return;
            what = DeviceNodes.toUdevNode(rootWhat);
            fstype = c.rootFstype();
            defaultRw = false;
        }
        String opts = c.rootOptions();
        if (rw != null || !FstabOptions.has(opts, "ro", "rw")) {
            opts = FstabCommandLine.extend(opts, (rw != null ? rw : defaultRw) ? "rw" : "ro");
        }
        if (extraOpts != null) opts = FstabCommandLine.extend(opts, extraOpts);
        Set<MountFlag> flags = FstabOptions.has(opts, "x-systemd.makefs") ? EnumSet.of(MountFlag.MAKEFS) : Set.of();
        graph.add(new MountPoint(
                o,
                SOURCE,
                OutputDir.NORMAL,
                what,
                "/sysroot",
                null,
                fstype,
                opts,
                Paths.isDevicePath(what) ? 1 : 0,
                flags,
                Units.INITRD_ROOT_FS_TARGET,
                null));
    }

    /**
     * root=http(s)://…: a tmpfs on /sysroot (dev, suid and exec: a root needs its device nodes,
     * setuid programs and file capabilities; mode 0755 for /) and the layers to extract into it.
     * systemd 257 writes a sysroot.mount with the URL as What=, which mount cannot mount. The
     * tmpfs is always mounted rw: the download writes into it (a kernel "ro" is for the real
     * root's file system and means nothing for a tmpfs filled at boot).
     */
    private void addDownloadedRoot(StorageGraph graph, FstabCommandLine c, Origin o) {
        LayerSpecs.Parsed p = LayerSpecs.parse(c.rootWhat());
        if (p.refusal() != null) {
            log.error(o, p.refusal() + "; no root file system is downloaded");
            return;
        }
        if (c.rootFstype() != null && !c.rootFstype().equals("tmpfs")) {
            log.warning(
                    Origin.cmdline("rootfstype="),
                    "a downloaded root is extracted into a tmpfs; rootfstype=" + c.rootFstype() + " ignored");
        }
        if (c.rootOptions() != null) {
            log.warning(
                    Origin.cmdline("rootflags="),
                    "a downloaded root's tmpfs takes its size from rootsize=; rootflags= ignored");
        }
        NetworkRootSettings s = networkRoot.get();
        graph.add(new MountPoint(
                o,
                SOURCE,
                OutputDir.NORMAL,
                "tmpfs",
                "/sysroot",
                null,
                "tmpfs",
                "rw,mode=0755,size=" + s.size() + ",dev,suid,exec",
                0,
                Set.of(),
                Units.INITRD_ROOT_FS_TARGET,
                null));
        graph.add(new NetworkRoot(o, p.layers(), s.size(), s.timeoutMicros()));
    }

    /**
     * add_sysroot_usr_mount_or_fallback(): /usr from mount.usr=, or else an ordering that
     * makes initrd-usr-fs.target wait for the root file system (which then holds /usr).
     */
    void addUsrOrFallback(StorageGraph graph, FstabCommandLine c, Origin o) {
        if (!addUsr(graph, c, o)) {
            // systemd's rule, not an input's: nothing on the command line names /usr
            graph.add(new TargetRequirement(
                    Origin.builtIn("no mount.usr=: /usr is on the root file system"),
                    Units.INITRD_USR_FS_TARGET,
                    "requires",
                    "sysroot.mount"));
        }
    }

    /** add_sysroot_usr_mount(); true if /usr is taken care of (by us or another generator); {@code o} is {@link #usrOrigin}. */
    private boolean addUsr(StorageGraph graph, FstabCommandLine c, Origin o) {
        String usrWhat = c.usrWhat();
        String usrOptions = c.usrOptions();
        String usrFstype = c.usrFstype();
        if (usrWhat == null && usrFstype == null && usrOptions == null) return false;
        // /usr differing from root only in a flag (a btrfs subvolume, say) takes root's device
        if (c.rootWhat() != null && usrWhat == null) usrWhat = c.rootWhat();
        if (c.rootFstype() != null && usrFstype == null) usrFstype = c.rootFstype();
        if (c.rootOptions() != null && usrOptions == null) usrOptions = c.rootOptions();
        if (usrWhat == null || usrWhat.isEmpty()) {
            log.debug(o, "no mount.usr= on the kernel command line");
            return false;
        }
        if (usrWhat.equals("gpt-auto") || usrWhat.equals("fstab") || Paths.equal(usrWhat, "/dev/nfs")) {
            log.debug(o, "/usr from " + usrWhat + " is handled elsewhere");
            return true;
        }
        // refused: /usr is then on the root file system (root='s own device was reported with root=)
        boolean own = c.usrWhat() != null;
        if (own
                ? !namesADevice(o, usrWhat, "mount.usr=", usrFstype)
                : DeviceSpecs.check(usrWhat, DeviceSpecs.Role.FILE_SYSTEM) != null) {
            return false;
        }
        String what = DeviceNodes.toUdevNode(usrWhat);
        boolean rw = c.rootRw() != null && c.rootRw();
        String opts;
        if (usrOptions == null) opts = rw ? "rw" : "ro";
        else if (!FstabOptions.has(usrOptions, "ro", "rw")) opts = usrOptions + "," + (rw ? "rw" : "ro");
        else opts = usrOptions;
        Set<MountFlag> flags = FstabOptions.has(opts, "x-systemd.makefs") ? EnumSet.of(MountFlag.MAKEFS) : Set.of();
        graph.add(new MountPoint(
                o,
                SOURCE,
                OutputDir.NORMAL,
                what,
                "/sysusr/usr",
                null,
                usrFstype,
                opts,
                Paths.isDevicePath(what) ? 1 : 0,
                flags,
                Units.INITRD_USR_FS_TARGET,
                null));
        graph.add(sysusrBindMount(o, SOURCE));
        return true;
    }

    /**
     * Whether root= or mount.usr= can name a device (refused with a message if not: systemd would
     * wait for a device that never appears). A bare kernel name such as sda2 is kept, as systemd
     * keeps it (mount then fails at once), with a warning that says what to write; not when a
     * file system type is given, as a bare word is then a tag (virtiofs, 9p) or a name (tmpfs).
     */
    private boolean namesADevice(Origin o, String value, String key, String fstype) {
        DeviceSpecs.Refusal refused = DeviceSpecs.check(value, DeviceSpecs.Role.FILE_SYSTEM);
        if (refused != null) {
            log.error(o, refused.message(value) + "; ignored");
            return false;
        }
        String path = fstype == null ? DeviceSpecs.devicePathFor(value) : null;
        if (path != null) {
            log.warning(
                    o,
                    "\"" + value + "\" is neither a device path nor a tag such as UUID=; systemd hands it to mount as"
                            + " it is, which finds no such device; write " + key + path);
        }
        return true;
    }

    /** add_volatile_root(): systemd.volatile=yes|overlay swaps the root for a tmpfs/overlay. */
    void addVolatileRoot(StorageGraph graph, FstabCommandLine c) {
        if (c.volatileMode() != FstabCommandLine.Volatile.YES
                && c.volatileMode() != FstabCommandLine.Volatile.OVERLAY) {
            return;
        }
        graph.add(new TargetRequirement(
                Origin.cmdline("systemd.volatile="),
                Units.INITRD_ROOT_FS_TARGET,
                "requires",
                SystemdPaths.UNIT_DIR + "/" + Units.VOLATILE_ROOT_SERVICE));
    }

    /** add_volatile_var(): outside the initrd, systemd.volatile=state puts /var on tmpfs. */
    void addVolatileVar(StorageGraph graph, FstabCommandLine c) {
        if (c.volatileMode() != FstabCommandLine.Volatile.STATE) return;
        graph.add(new MountPoint(
                Origin.cmdline("systemd.volatile="),
                SOURCE,
                OutputDir.LATE,
                "tmpfs",
                "/var",
                null,
                "tmpfs",
                "mode=0755,size=25%,nr_inodes=1m",
                0,
                Set.of(),
                Units.LOCAL_FS_TARGET,
                null));
    }

    /**
     * sysroot_is_nfsroot() and the other network/special roots systemd leaves alone:
     * root=/dev/nfs, dhcp, dhcp6, nfs:, nfs4:, an address followed by ":", a path outside
     * /dev, cifs://, iscsi:, live:.
     */
    static boolean isNetworkRoot(String root) {
        if (Paths.equal(root, "/dev/nfs")
                || root.equals("dhcp")
                || root.equals("dhcp6")
                || root.startsWith("nfs:")
                || root.startsWith("nfs4:")) {
            return true;
        }
        if (root.startsWith("cifs://") || root.startsWith("iscsi:") || root.startsWith("live:")) return true;
        if (root.startsWith("[")) {
            int close = root.indexOf(']', 1);
            // systemd treats an unparsable bracketed address as "not NFS"
            return close > 0 && InetAddresses.isIpv6(root.substring(1, close));
        }
        int colon = root.indexOf(':');
        if (colon >= 0 && InetAddresses.isIpv4(root.substring(0, colon))) return true;
        return Paths.isAbsolute(root) && Paths.startsWith(root, "/dev") == null;
    }
}
