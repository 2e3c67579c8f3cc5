package dev.stagehand.units;

import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.Strings;
import dev.stagehand.systemd.UnitNames;

/**
 * Services hooked to a mount or swap by its options (generator.c): make the file system or
 * swap (x-systemd.makefs), grow it (x-systemd.growfs), measure it (x-systemd.pcrfs), and
 * check and enable quota.
 */
public final class FormatHooks {
    private FormatHooks() {}

    /** Why a hook cannot be set up; the mount itself is still written. */
    public static final class HookException extends Exception {
        private static final long serialVersionUID = 1L;

        public HookException(String message) {
            super(message);
        }
    }

    private static String deviceNode(String what) throws HookException {
        String node = DeviceNodes.toUdevNode(what);
        if (!Paths.isDevicePath(node))
            throw new HookException("cannot format something that is not a device node: " + node);
        return node;
    }

    private static String name(UnitNamer n) throws HookException {
        try {
            return n.get();
        } catch (UnitNames.InvalidUnitNameException e) {
            throw new HookException(e.getMessage());
        }
    }

    private interface UnitNamer {
        String get() throws UnitNames.InvalidUnitNameException;
    }

    /** generator_hook_up_mkswap(). */
    public static void mkswap(PlanBuilder.Transaction tx, String what) throws HookException {
        String node = deviceNode(what);
        String unit = name(() -> UnitNames.fromPathInstance("systemd-mkswap", node, ".service"));
        String swapUnit = name(() -> UnitNames.fromPath(what, ".swap"));
        tx.unit(UnitFile.builder(unit)
                .section("Unit")
                .set("Description", "Make Swap on %f")
                .set("Documentation", "man:systemd-mkswap@.service(8)")
                .blank()
                .set("DefaultDependencies", "no")
                .set("BindsTo", "%i.device")
                .set("After", "%i.device")
                .set("Before", swapUnit)
                .set("Conflicts", "shutdown.target")
                .set("Before", "shutdown.target")
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("ExecStart", SystemdPaths.MAKEFS + " swap " + ExecArgs.word(node))
                .set("TimeoutSec", "infinity")
                .build());
        tx.link(Links.dependency(swapUnit, "requires", unit));
    }

    /** generator_hook_up_mkfs(). */
    public static void mkfs(PlanBuilder.Transaction tx, boolean inInitrd, String what, String where, String type)
            throws HookException {
        String node = deviceNode(what);
        if (type == null || type.isEmpty() || type.equals("auto")) {
            throw new HookException("cannot format " + node + ": the file system type is not specified");
        }
        if (!Strings.isWord(type, "._+-")) {
            // systemd pastes the type into ExecStart= unquoted; a space would add arguments
            throw new HookException(
                    "cannot format " + node + ": file system type \"" + type + "\" is not a plain name");
        }
        String unit = name(() -> UnitNames.fromPathInstance("systemd-makefs", node, ".service"));
        String fsck;
        if (inInitrd && Paths.equal(where, "/sysroot")) fsck = Units.FSCK_ROOT_SERVICE;
        else if (inInitrd && Paths.equal(where, "/sysusr/usr")) fsck = Units.FSCK_USR_SERVICE;
        else fsck = "systemd-fsck@%i.service";
        String whereUnit = name(() -> UnitNames.fromPath(where, ".mount"));
        tx.unit(UnitFile.builder(unit)
                .section("Unit")
                .set("Description", "Make File System on %f")
                .set("Documentation", "man:systemd-makefs@.service(8)")
                .blank()
                .set("DefaultDependencies", "no")
                .set("BindsTo", "%i.device")
                .set("After", "%i.device")
                .set("Before", fsck + " " + whereUnit)
                .set("Conflicts", "shutdown.target")
                .set("Before", "shutdown.target")
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("ExecStart", SystemdPaths.MAKEFS + " " + type + " " + ExecArgs.word(node))
                .set("TimeoutSec", "infinity")
                .build());
        tx.link(Links.dependency(whereUnit, "requires", unit));
    }

    /**
     * The growfs/pcrfs pattern: the mount wants SERVICE (the -root one for "/", else the
     * template instantiated for the path), and the target is ordered after it.
     */
    private static void hookPerPath(
            PlanBuilder.Transaction tx, String where, String target, String rootService, String template)
            throws HookException {
        String whereUnit = name(() -> UnitNames.fromPath(where, ".mount"));
        String service, instance = null;
        if (Paths.emptyOrRoot(where)) {
            service = rootService;
        } else {
            service = template;
            instance = name(() -> UnitNames.pathEscape(where));
        }
        checkHookUnit(service, instance);
        if (target != null) ordering(tx, target, "After", service, instance);
        tx.link(Links.dependency(whereUnit, "wants", SystemdPaths.UNIT_DIR + "/" + service, instance));
    }

    /** The instance of a template for a path can exceed the 255 bytes of a unit name. */
    private static void checkHookUnit(String template, String instance) throws HookException {
        String unit = instance == null ? template : UnitNames.instantiate(template, instance);
        if (!UnitNames.isValid(unit))
            throw new HookException("no " + template + " for this mount point: \"" + unit
                    + "\" is not a valid unit name (a unit name is at most 255 bytes)");
        if (("50-order-" + unit + ".conf").length() > 255)
            throw new HookException("no " + template
                    + " for this mount point: its ordering drop-in name would be longer than 255 bytes");
    }

    /** generator_hook_up_growfs(). */
    public static void growfs(PlanBuilder.Transaction tx, String where, String target) throws HookException {
        hookPerPath(tx, where, target, Units.GROWFS_ROOT_SERVICE, Units.GROWFS_SERVICE);
    }

    /** generator_hook_up_pcrfs(). */
    public static void pcrfs(PlanBuilder.Transaction tx, String where, String target) throws HookException {
        hookPerPath(tx, where, target, Units.PCRFS_ROOT_SERVICE, Units.PCRFS_SERVICE);
    }

    private static boolean needsQuota(String fstype) {
        return switch (fstype) {
            case "ext2", "ext3", "ext4", "reiserfs", "jfs", "f2fs" -> true;
            default -> false;
        };
    }

    /** generator_hook_up_quotacheck(); a HookException means quota is not supported here. */
    public static void quotacheck(PlanBuilder.Transaction tx, String what, String where, String target, String fstype)
            throws HookException {
        if (fstype == null || fstype.isEmpty() || fstype.equals("auto")) {
            throw new HookException(
                    "couldn't determine the file system type for " + what + ", quota cannot be activated");
        }
        if (!needsQuota(fstype)) {
            throw new HookException("quota was requested for " + what + ", but not supported, ignoring: " + fstype);
        }
        quotaService(tx, where, target, Units.QUOTACHECK_ROOT_SERVICE, Units.QUOTACHECK_SERVICE);
    }

    /** generator_hook_up_quotaon(). */
    public static void quotaon(PlanBuilder.Transaction tx, String where, String target) throws HookException {
        quotaService(tx, where, target, Units.QUOTAON_ROOT_SERVICE, Units.QUOTAON_SERVICE);
    }

    private static void quotaService(
            PlanBuilder.Transaction tx, String where, String target, String rootService, String template)
            throws HookException {
        if (Paths.equal(where, "/")) {
            tx.link(Links.dependency(Units.LOCAL_FS_TARGET, "wants", SystemdPaths.UNIT_DIR + "/" + rootService));
            return;
        }
        String instance = name(() -> UnitNames.pathEscape(where));
        checkHookUnit(template, instance);
        if (target != null) ordering(tx, target, "After", template, instance);
        String whereUnit = name(() -> UnitNames.fromPath(where, ".mount"));
        tx.link(Links.dependency(whereUnit, "wants", SystemdPaths.UNIT_DIR + "/" + template, instance));
    }

    /** generator_add_ordering(): SRC.d/50-order-DST.conf with ORDER=DST (created once). */
    static void ordering(PlanBuilder.Transaction tx, String src, String order, String dst, String instance) {
        String to = instance == null ? dst : UnitNames.instantiate(dst, instance);
        tx.unit(UnitFile.builder(src + ".d/50-order-" + to + ".conf")
                .section("Unit")
                .set(order, to)
                .build());
    }
}
