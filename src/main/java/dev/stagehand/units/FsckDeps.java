package dev.stagehand.units;

import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.Specifiers;
import dev.stagehand.systemd.UnitNames;

/**
 * generator_write_fsck_deps(): a mount with a non-zero passno is checked first. In the
 * initrd, root and /usr get their own systemd-fsck-root/usr.service written here, since the
 * shipped ones check "/" and "/usr" rather than /sysroot and /sysusr/usr.
 */
public final class FsckDeps {
    private FsckDeps() {}

    public static void write(
            PlanBuilder.Transaction tx,
            UnitFile.Builder mount,
            Environment env,
            Log log,
            Origin origin,
            String what,
            String where,
            String fstype)
            throws UnitNames.InvalidUnitNameException {
        boolean initrd = env.inInitrd();
        if (initrd && Paths.inSet(where, "/", "/usr")) {
            log.debug(origin, "skipping fsck for " + where + " in the initrd");
            return;
        }
        if (!Paths.isDevicePath(what)) {
            log.warning(origin, "checking was requested for \"" + what + "\", but it is not a device");
            return;
        }
        if (!fsckExists(env, fstype)) {
            log.debug(
                    origin,
                    "checking was requested for " + what + ", but "
                            + (typed(fstype) ? "fsck." + fstype : "the fsck command") + " does not exist");
            return;
        }

        if (Paths.equal(where, "/")) {
            // fsck of an already mounted root (outside the initrd): its own shipped unit
            tx.link(Links.dependency(
                    Units.LOCAL_FS_TARGET, "wants", SystemdPaths.UNIT_DIR + "/" + Units.FSCK_ROOT_SERVICE));
            return;
        }
        String fsck, dep;
        if (initrd && Paths.equal(where, "/sysroot")) {
            tx.unit(sysrootService(Units.FSCK_ROOT_SERVICE, what, Units.INITRD_ROOT_DEVICE_TARGET));
            fsck = Units.FSCK_ROOT_SERVICE;
            dep = "Requires";
        } else if (initrd && Paths.equal(where, "/sysusr/usr")) {
            tx.unit(sysrootService(Units.FSCK_USR_SERVICE, what, null));
            fsck = Units.FSCK_USR_SERVICE;
            dep = "Requires";
        } else {
            // /usr cannot be unmounted at shutdown, so it only wants its fsck
            dep = Paths.equal(where, "/usr") ? "Wants" : "Requires";
            fsck = UnitNames.fromPathInstance("systemd-fsck", what, ".service");
        }
        mount.set(dep, fsck).set("After", fsck);
    }

    /**
     * The unit that checks {@code what} before it is mounted on {@code where}, as {@link #write}
     * names it for a mount with a non-zero passno outside "/" and /usr: the
     * systemd-fsck@.service instance, or null where write names none (or another unit).
     */
    public static String instanceFor(Environment env, String what, String where, String fstype) {
        if (Paths.inSet(where, "/", "/usr", "/sysroot", "/sysusr/usr")) return null;
        if (!Paths.isDevicePath(what) || !fsckExists(env, fstype)) return null;
        try {
            return UnitNames.fromPathInstance("systemd-fsck", what, ".service");
        } catch (UnitNames.InvalidUnitNameException e) {
            return null;
        }
    }

    private static boolean typed(String fstype) {
        return fstype != null && !fstype.isEmpty() && !fstype.equals("auto");
    }

    private static boolean fsckExists(Environment env, String fstype) {
        return env.executableIsGood("fsck") && (!typed(fstype) || env.executableIsGood("fsck." + fstype));
    }

    /** write_fsck_sysroot_service(). */
    private static UnitFile sysrootService(String unit, String what, String extraAfter)
            throws UnitNames.InvalidUnitNameException {
        String escaped = Specifiers.escape(what);
        String device = UnitNames.fromPath(what, ".device");
        String after = (extraAfter == null ? "" : extraAfter + " ") + "local-fs-pre.target " + device;
        return UnitFile.builder(unit)
                .section("Unit")
                .set("Description", "File System Check on " + escaped)
                .set("Documentation", "man:" + unit + "(8)")
                .blank()
                .set("DefaultDependencies", "no")
                .set("BindsTo", device)
                .set("Conflicts", "shutdown.target")
                .set("After", after)
                .set("Before", "shutdown.target")
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("ExecStart", SystemdPaths.FSCK + " " + ExecArgs.word(what))
                .set("TimeoutSec", "infinity")
                .build();
    }
}
