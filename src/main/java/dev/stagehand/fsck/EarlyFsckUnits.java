package dev.stagehand.fsck;

import dev.stagehand.graph.MountPoint;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.systemd.Specifiers;
import dev.stagehand.systemd.UnitNames;
import dev.stagehand.units.ExecArgs;
import dev.stagehand.units.FsckDeps;
import dev.stagehand.units.Units;
import java.util.List;

/**
 * Checks that need not wait for the passphrase. systemd-fsck@.service is ordered after
 * systemd-fsck-root.service, which in the initrd waits for initrd-root-device.target, i.e. for
 * an encrypted root to be unlocked: a file system on a disk of its own is checked only after
 * the passphrase was typed. A drop-in cannot take an After= back, so for each such file system
 * stagehand writes the instance unit itself (systemd-fsck@DEVICE.service, which systemd loads
 * instead of the template): the template's unit for that device without that one ordering, as
 * systemd-fstab-generator already writes systemd-fsck-usr.service for /sysusr/usr. The mount
 * units stay systemd's. It runs `stagehand fsck` instead of systemd-fsck: the same check, with
 * fsck's progress kept off the console while a passphrase is asked (FsckCheck).
 */
public final class EarlyFsckUnits {
    static final String TEMPLATE = "systemd-fsck@.service";

    private final Environment env;
    private final Log log;
    private final PlanBuilder plan;

    public EarlyFsckUnits(Environment env, Log log, PlanBuilder plan) {
        this.env = env;
        this.log = log;
        this.plan = plan;
    }

    /**
     * @param mounts        the planned mounts, in the graph's order
     * @param graph         what the initrd unlocks, assembles and activates, and the root
     * @param sysrootFstab  the name of /sysroot/etc/fstab: its entries are read only once the
     *                      root is mounted, when nothing waits for the root's check any more
     */
    public void add(List<MountPoint> mounts, Independence graph, String sysrootFstab) {
        MountPoint root = graph.root();
        // without a root check in the initrd nothing waits for one; without a volume to unlock no
        // passphrase holds it, and systemd's order (root first) costs only the root's own check
        if (root == null
                || !plan.contains(OutputDir.NORMAL, Units.FSCK_ROOT_SERVICE)
                || graph.volumes().isEmpty()) return;
        for (MountPoint m : mounts) {
            if (m == root || m.passno() == 0 || m.dir() != OutputDir.NORMAL) continue;
            if (sysrootFstab.equals(m.origin().file())) continue;
            String unit = FsckDeps.instanceFor(env, m.what(), m.where(), m.fstype());
            if (unit == null || plan.contains(OutputDir.NORMAL, unit)) continue;
            String dependence = graph.dependence(m);
            if (dependence != null) {
                log.debug(m.origin(), "the check of " + m.what() + " waits for the root's: " + dependence);
                continue;
            }
            try {
                plan.begin(m.origin())
                        .unit(instance(unit, m.what()))
                        .commit()
                        .ifPresent(p ->
                                log.warning(m.origin(), "the check of " + m.what() + " waits for the root's: " + p));
            } catch (UnitNames.InvalidUnitNameException e) {
                log.debug(m.origin(), "the check of " + m.what() + " waits for the root's: " + e.getMessage());
            }
        }
    }

    /** systemd 257's systemd-fsck@.service for {@code what}, without After=systemd-fsck-root.service, running stagehand fsck. */
    static UnitFile instance(String unit, String what) throws UnitNames.InvalidUnitNameException {
        String device = UnitNames.fromPath(what, ".device");
        return UnitFile.builder(unit)
                .comment("systemd-fsck@.service for this device, not ordered after " + Units.FSCK_ROOT_SERVICE
                        + ": checked while the root is unlocked")
                .section("Unit")
                .set("Description", "File System Check on " + Specifiers.escape(what))
                .set("Documentation", "man:" + TEMPLATE + "(8)")
                .set("DefaultDependencies", "no")
                .set("BindsTo", device)
                .set("IgnoreOnIsolate", "yes")
                .set("Conflicts", "reboot.target kexec.target poweroff.target halt.target")
                .set("After", device + " local-fs-pre.target")
                .set("Before", "systemd-quotacheck.service shutdown.target")
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                // systemd-fsck's check, but its progress stays off the console while a prompt is open
                .set("ExecStart", RootWaitUnits.BINARY + " fsck " + ExecArgs.word(what))
                .set("TimeoutSec", "infinity")
                .build();
    }
}
