package dev.stagehand.units;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.systemd.UnitNames;

/**
 * What a mount or swap needs from its device unit (generator.c): how long to wait for it
 * (x-systemd.device-timeout=), network ordering for _netdev, the initrd root device, and the
 * blockdev@ ordering.
 */
public final class DeviceDeps {
    private DeviceDeps() {}

    /** What writeTimeouts left of the options. */
    public record Filtered(String options) {}

    /**
     * generator_write_timeouts(): a JobRunningTimeoutSec= drop-in for the device; returns the
     * options without the device-timeout ones (null when {@code opts} is null).
     */
    public static String writeTimeouts(
            PlanBuilder.Transaction tx, Log log, Origin origin, String what, String where, String opts) {
        FstabOptions.Filtered f =
                FstabOptions.filter(opts, false, "comment=systemd.device-timeout", "x-systemd.device-timeout");
        if (!f.found()) return f.rest();
        String timeout = f.value();
        Long u = timeout == null ? null : TimeSpan.parseSecFix0(timeout);
        if (u == null) {
            log.warning(
                    origin,
                    "x-systemd.device-timeout=" + (timeout == null ? "" : timeout) + " of " + where
                            + " is not a time span (expected e.g. 30s or 2min); ignored");
            return f.rest();
        }
        String node = DeviceNodes.toUdevNode(what);
        if (!Paths.isDevicePath(node)) {
            log.warning(origin, "x-systemd.device-timeout ignored for " + what + ": not a device");
            return f.rest();
        }
        String unit;
        try {
            unit = UnitNames.fromPath(node, ".device");
        } catch (UnitNames.InvalidUnitNameException e) {
            log.error(origin, "no unit name for device " + node + ": " + e.getMessage());
            return f.rest();
        }
        // systemd writes the text as given; only where it would break the line do we normalize it
        String value = UnitValues.isSafe(timeout) ? timeout : TimeSpan.format(u);
        tx.dropIn(UnitFile.builder(DropIns.path(unit, 50, "device-timeout"))
                .comment("from supplied options \"" + opts + "\"")
                .section("Unit")
                .set("JobRunningTimeoutSec", value)
                .build());
        return f.rest();
    }

    /** generator_write_device_deps(): _netdev devices are ordered after the network. */
    public static void writeNetdevDeps(
            PlanBuilder.Transaction tx, boolean inInitrd, String what, String where, String opts) {
        if (isExtrinsic(where, opts, inInitrd)) return;
        if (!FstabOptions.has(opts, "_netdev")) return;
        String node = DeviceNodes.toUdevNode(what);
        if (!Paths.isDevicePath(node)) return;
        String unit;
        try {
            unit = UnitNames.fromPath(node, ".device");
        } catch (UnitNames.InvalidUnitNameException e) {
            return;
        }
        tx.dropIn(UnitFile.builder(DropIns.path(unit, 50, "netdev-dependencies"))
                .section("Unit")
                .set("After", Units.NETWORK_ONLINE_TARGET + " " + Units.NETWORK_TARGET)
                .set("Wants", Units.NETWORK_ONLINE_TARGET)
                .build());
    }

    /** fstab_is_extrinsic(): file systems that live beyond the life of the system. */
    static boolean isExtrinsic(String where, String opts, boolean inInitrd) {
        if (Paths.inSet(where, "/", "/usr", "/etc")) return true;
        if (Paths.startsWithAny(where, "/run/initramfs", "/run/nextroot", "/proc", "/sys", "/dev")) return true;
        return FstabOptions.has(opts, "x-initrd.mount") && !inInitrd;
    }

    /** generator_write_initrd_root_device_deps(). */
    public static void writeInitrdRootDeviceDeps(PlanBuilder.Transaction tx, String what)
            throws UnitNames.InvalidUnitNameException {
        String unit = UnitNames.fromPath(what, ".device");
        tx.dropIn(UnitFile.builder(DropIns.path(Units.INITRD_ROOT_DEVICE_TARGET, 50, "root-device"))
                .section("Unit")
                .set("Requires", unit)
                .set("After", unit)
                .build());
    }

    /** generator_write_blockdev_dependency(): After=blockdev@DEV.target for /dev/ paths. */
    public static void writeBlockdevDependency(UnitFile.Builder u, String what)
            throws UnitNames.InvalidUnitNameException {
        if (Paths.startsWith(what, "/dev/") == null) return;
        u.set("After", "blockdev@" + UnitNames.pathEscape(what) + ".target");
    }
}
