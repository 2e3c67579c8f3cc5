package dev.stagehand.units;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;

/**
 * The service of a per-device policy (an md array's degraded start, a volume group's
 * activation): a long-running `stagehand` command that may stay until switch-root (to add
 * back a returning member or PV), so it conflicts with initrd-switch-root.target and is
 * ordered before it; wanted by initrd-root-device.target but ordering nothing, so a slow
 * device holds up only what needs it; output on the console, where its decisions matter.
 */
public final class DevicePolicyService {
    private DevicePolicyService() {}

    /** Plans the unit and its link; on failure logs "{@code failure}: problem" and returns false. */
    public static boolean add(
            PlanBuilder plan, Log log, Origin origin, String unit, String description, String exec, String failure) {
        PlanBuilder.Transaction tx = plan.begin(origin);
        tx.unit(UnitFile.builder(unit)
                .section("Unit")
                .set("Description", description)
                .set("Documentation", "man:stagehand(8)")
                .set("DefaultDependencies", "no")
                .set("After", "systemd-udev-trigger.service")
                .set("Conflicts", "initrd-switch-root.target shutdown.target")
                .set("Before", "initrd-switch-root.target shutdown.target")
                .section("Service")
                .set("Type", "exec")
                .set("StandardOutput", "journal+console")
                .set("ExecStart", exec)
                .build());
        tx.link(Links.dependency(Units.INITRD_ROOT_DEVICE_TARGET, "wants", unit));
        var problem = tx.commit();
        problem.ifPresent(p -> log.error(origin, failure + ": " + p));
        return problem.isEmpty();
    }
}
