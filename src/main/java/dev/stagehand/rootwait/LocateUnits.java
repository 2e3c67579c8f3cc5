package dev.stagehand.rootwait;

import dev.stagehand.graph.MountPoint;
import dev.stagehand.locate.PartitionSpec;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.units.ExecArgs;
import dev.stagehand.units.Links;
import dev.stagehand.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * stagehand-locate.service: for a root (or /usr, a mount of the initrd's own fstab, a LUKS
 * volume's source) named by PARTLABEL= or PARTUUID=, one look at
 * the disks already there, before udev's coldplug queues an event for every block device; when
 * it finds the partition it asks udev for that one first (`stagehand locate --trigger`), so
 * udev's own /dev/disk/by-partlabel|by-partuuid link, which sysroot.mount names exactly as
 * systemd's generator does, comes without waiting for the probes of every other partition. Two
 * partitions with the name fail it, and the initrd-root-device.target with it: it refuses to let
 * udev pick one. Nothing found is no failure: the disk comes later, and udev finds it then.
 * docs/locate.md says why this design, and what it does not speed up.
 */
public final class LocateUnits {
    public static final String SERVICE = "stagehand-locate.service";
    static final String BY_PARTLABEL = PartitionSpec.BY_PARTLABEL;
    static final String BY_PARTUUID = PartitionSpec.BY_PARTUUID;

    private final Log log;
    private final PlanBuilder plan;

    public LocateUnits(Log log, PlanBuilder plan) {
        this.log = log;
        this.plan = plan;
    }

    /**
     * True for a device systemd names by a GPT partition's name or GUID (udev's by-partlabel and
     * by-partuuid links) that `stagehand locate` takes: not an MBR PARTUUID (SSSSSSSS-PP), not a
     * name longer than a GPT entry holds, not a by-partuuid link in upper case (udev makes none).
     * Others are left to udev alone.
     */
    public static boolean locatable(String what) {
        if (what == null || !(what.startsWith(BY_PARTLABEL) || what.startsWith(BY_PARTUUID))) return false;
        if (what.indexOf('/', "/dev/disk/".length()) != what.lastIndexOf('/')) return false;
        // udev's by-partuuid links are lower-case: a link written otherwise never appears, and no look makes it
        if (what.startsWith(BY_PARTUUID) && !what.equals(what.toLowerCase(Locale.ROOT))) return false;
        try {
            PartitionSpec.parse(ascii(what));
            return true;
        } catch (PartitionSpec.BadSpecException e) {
            return false;
        }
    }

    /**
     * @param mounts the /sysroot and /sysusr/usr mounts from the kernel command line; those on a GPT partition name get a look
     * @param others what the initrd needs besides (its own fstab's mounts, the LUKS volumes' sources), after the
     *               root's: each one named by a GPT partition gets a look too
     * @param hint   the disk rd.stagehand.root.hint= names, looked at first for the root (the first mount), or null
     */
    public void add(List<MountPoint> mounts, List<Device> others, String hint) {
        List<Device> found = new ArrayList<>();
        List<Device> rest = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        MountPoint root = mounts.isEmpty() ? null : mounts.get(0);
        for (MountPoint m : mounts) if (m != null) add(found, seen, new Device(m.what(), m.origin()));
        for (Device d : others) add(rest, seen, d);
        if (found.isEmpty() && rest.isEmpty()) return;
        Origin origin = (found.isEmpty() ? rest : found).get(0).origin();
        PlanBuilder.Transaction tx = plan.begin(origin);
        UnitFile.Builder u = UnitFile.builder(SERVICE)
                .section("Unit")
                .set(
                        "Description",
                        "Find the initrd's partitions by name before udev's coldplug, and ask udev for them first")
                .set("Documentation", "man:stagehand(8)")
                .set("DefaultDependencies", "no")
                .set("Conflicts", "shutdown.target")
                // its udev event must be queued before coldplug's; the kernel socket holds it until udevd reads
                .set("After", "systemd-udevd-kernel.socket systemd-udevd-control.socket")
                .set("Before", "systemd-udev-trigger.service " + Units.INITRD_ROOT_DEVICE_TARGET + " shutdown.target")
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("StandardOutput", "journal")
                .set("StandardError", "journal+console");
        for (Device d : found) {
            boolean isRoot = root != null && d.path().equals(root.what());
            u.set(
                    "ExecStart",
                    RootWaitUnits.BINARY + " locate --timeout=0 --missing-ok --trigger "
                            + (isRoot && hint != null ? "--hint=" + ExecArgs.quote(hint) + " " : "")
                            + ExecArgs.quote(ascii(d.path())));
        }
        if (!rest.isEmpty()) { // one process for all of them: an fstab may name hundreds
            StringBuilder exec = new StringBuilder(RootWaitUnits.BINARY + " locate --timeout=0 --missing-ok --trigger");
            for (Device d : rest) exec.append(' ').append(ExecArgs.quote(ascii(d.path())));
            u.set("ExecStart", exec.toString());
        }
        tx.unit(u.build());
        tx.link(Links.dependency(Units.INITRD_ROOT_DEVICE_TARGET, "requires", SERVICE));
        tx.commit().ifPresent(p -> log.error(origin, "no early look for the initrd's partitions: " + p));
    }

    /** A device path the initrd waits for, with the entry that names it. */
    public record Device(String path, Origin origin) {}

    private static void add(List<Device> found, List<String> seen, Device d) {
        if (d.path() == null || !locatable(d.path()) || seen.contains(d.path())) return;
        seen.add(d.path());
        found.add(d);
    }

    /**
     * The link as ASCII: each byte above 0x7e as udev's \xNN (stagehand locate reads those back),
     * so the name reaches it whatever the locale makes of the arguments' bytes.
     */
    static String ascii(String what) {
        StringBuilder b = new StringBuilder(what.length());
        for (int i = 0; i < what.length(); i++) {
            char c = what.charAt(i); // a byte string: one char per byte
            if (c > 0x7e) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
