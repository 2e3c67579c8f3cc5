package dev.stagehand.fsck;

import dev.stagehand.graph.EarlyCheck;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.log.Log;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.Specifiers;
import dev.stagehand.systemd.UnitNames;
import dev.stagehand.units.ExecArgs;
import dev.stagehand.units.Links;
import java.util.ArrayList;
import java.util.List;

/**
 * [Fsck] Early=: stagehand-fsck-early@DEVICE.service for each file system of the host's fstab
 * whose device is independent of the locked devices and the root's disk, started by its device
 * (a .wants link: a device that never comes is never waited for), running `stagehand fsck`
 * (fsck -M: a mounted file system is not checked; nothing mounts it). It ends before the
 * initrd's cleanup, so a check is never cut off by switch-root.
 */
public final class EarlyCheckUnits {
    static final String PREFIX = "stagehand-fsck-early";

    private final Log log;
    private final PlanBuilder plan;

    public EarlyCheckUnits(Log log, PlanBuilder plan) {
        this.log = log;
        this.plan = plan;
    }

    /**
     * @param mounts the planned mounts: a device the initrd mounts is checked there already
     * @return the checks that got their unit
     */
    public List<EarlyCheck> add(List<EarlyCheck> checks, Independence graph, List<MountPoint> mounts) {
        List<EarlyCheck> planned = new ArrayList<>();
        for (EarlyCheck c : checks) {
            if (mounts.stream().anyMatch(m -> Paths.equal(m.what(), c.what()))) {
                log.debug(c.origin(), "no early check of " + c.what() + ": the initrd mounts it, and checks it then");
                continue;
            }
            String dependence = graph.dependence(c.what(), c.fstype(), c.options());
            if (dependence != null) {
                log.notice(c.origin(), "no early check of " + c.what() + ": " + dependence);
                continue;
            }
            try {
                String unit = UnitNames.fromPathInstance(PREFIX, c.what(), ".service");
                if (plan.contains(OutputDir.NORMAL, unit)) continue; // the same device twice
                String device = UnitNames.fromPath(c.what(), ".device");
                plan.begin(c.origin())
                        .unit(unit(unit, device, c))
                        .link(Links.dependency(device, "wants", unit))
                        .commit()
                        .ifPresentOrElse(
                                p -> log.warning(c.origin(), "no early check of " + c.what() + ": " + p),
                                () -> planned.add(c));
            } catch (UnitNames.InvalidUnitNameException e) {
                log.warning(c.origin(), "no early check of " + c.what() + ": " + e.getMessage());
            }
        }
        return planned;
    }

    private static UnitFile unit(String unit, String device, EarlyCheck c) {
        return UnitFile.builder(unit)
                .comment(
                        "a file system of the host's fstab: checked in the initrd when its device appears, never mounted ([Fsck] Early=)")
                .section("Unit")
                .set("Description", "Early File System Check on " + Specifiers.escape(c.what()))
                .set("Documentation", "man:stagehand.conf(5)")
                .set("DefaultDependencies", "no")
                .set("BindsTo", device)
                .set("Conflicts", "shutdown.target")
                .set("After", device + " local-fs-pre.target")
                // switch-root waits for a running check instead of cutting it off
                .set("Before", "initrd-cleanup.service initrd-switch-root.target shutdown.target")
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("ExecStart", RootWaitUnits.BINARY + " fsck " + ExecArgs.word(c.what()))
                .set("TimeoutSec", "infinity")
                .build();
    }
}
