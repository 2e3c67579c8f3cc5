package dev.stagehand.fsck;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MdArray;
import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.MountPoints;
import dev.stagehand.systemd.Paths;
import java.util.List;

/**
 * Whether the storage graph shows a file system's device to be independent of every locked
 * device and of the root's disk, so that its check need not wait for the root's (which waits
 * for the passphrase). The graph knows devices by name only: what a name does not show (the
 * disk behind a UUID= link, what a file system UUID lies in) it cannot refuse; see docs/fsck.md
 * for why fsck's own per-disk lock and the device's own ordering make that safe.
 *
 * @param root    the /sysroot mount (a device)
 * @param volumes the crypt volumes the initrd unlocks
 * @param arrays  the md arrays it assembles
 * @param lvms    the logical volumes it activates
 */
public record Independence(MountPoint root, List<CryptVolume> volumes, List<MdArray> arrays, List<LvmVolume> lvms) {
    public Independence {
        volumes = List.copyOf(volumes);
        arrays = List.copyOf(arrays);
        lvms = List.copyOf(lvms);
    }

    /** Why {@code m}'s check must keep waiting for the root's, or null when it need not. */
    String dependence(MountPoint m) {
        return m.has(MountFlag.NOAUTO) ? "not mounted at boot (noauto)" : dependence(m.what(), m.fstype(), m.options());
    }

    /** Why the device {@code what} is not shown to be independent, or null when it is. */
    String dependence(String what, String fstype, String options) {
        if (MountPoints.isBind(options, fstype)) return "a bind mount";
        if (MountPoints.isNetwork(fstype, options)) return "on a network device";
        if (Paths.equal(what, root.what())) return "on the root's own device";
        for (CryptVolume v : volumes) {
            if (Paths.equal(what, v.mapperPath())) return "on the locked device " + v.name();
            if (v.device() != null && Paths.equal(what, DeviceNodes.toUdevNode(v.device()))) {
                return "the encrypted source of " + v.name();
            }
        }
        for (LvmVolume l : lvms) {
            if (Paths.equal(what, l.mapperPath()) || Paths.equal(what, l.vgPath())) {
                return "on LV " + l.label() + ", whose physical volumes the graph does not know";
            }
        }
        for (MdArray a : arrays) {
            if (Paths.equal(what, a.readyLink()) || (a.device() != null && Paths.equal(what, a.device()))) {
                return "on " + a.label() + ", whose members the graph does not know";
            }
        }
        if (stacked(what)) return "on a stacked device (device-mapper or md), which may lie on a locked device";
        String disk = DiskNames.diskOf(what);
        if (disk != null && disk.equals(DiskNames.diskOf(root.what()))) return "on the root's disk " + disk;
        for (CryptVolume v : volumes) {
            // any volume unlocked in the initrd may hold the root (root=UUID= names what is inside)
            if (disk != null
                    && v.device() != null
                    && disk.equals(DiskNames.diskOf(DeviceNodes.toUdevNode(v.device())))) {
                return "on " + disk + ", the disk of the locked device " + v.name();
            }
        }
        return null;
    }

    /** Names that are device-mapper or md devices: what they lie on is not in their name. */
    private static boolean stacked(String what) {
        return what.startsWith("/dev/mapper/")
                || what.startsWith("/dev/dm-")
                || what.startsWith("/dev/md")
                || what.startsWith("/dev/disk/by-id/dm-")
                || what.startsWith("/dev/disk/by-id/md-")
                || what.startsWith("/dev/disk/by-id/lvm-")
                // /dev/VG/LV, the link LVM's udev rules make
                || (!what.startsWith("/dev/disk/") && what.indexOf('/', "/dev/".length()) >= 0);
    }
}
