package dev.stagehand.retry;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.systemd.UnitNames;

/**
 * What the generator adds after `stagehand retry --set root=...`: the device the original
 * root= named gets a one-second job timeout. dracut's rootfs generator reads /proc/cmdline on
 * every reload and makes initrd.target want that device with no time limit, and a target
 * waits for the jobs of what it wants, so the boot would wait for a disk the user has just
 * said is not the root.
 */
public final class RetryUnits {
    static final String DROP_IN = "zz-stagehand-retry.conf";

    private RetryUnits() {}

    public static void abandon(String device, PlanBuilder plan, Log log) {
        if (device == null) return;
        Origin origin = Origin.file(CommandLineOverrides.PATH);
        try {
            String unit = UnitNames.fromPath(device, ".device");
            plan.begin(origin)
                    .dropIn(UnitFile.builder(unit + ".d/" + DROP_IN)
                            .comment("root= was changed by stagehand retry: do not wait for the old root device")
                            .section("Unit")
                            .set("JobTimeoutSec", "1s")
                            .set("JobRunningTimeoutSec", "1s")
                            .build())
                    .commit()
                    .ifPresent(p -> log.warning(origin, "cannot stop waiting for " + device + ": " + p));
        } catch (UnitNames.InvalidUnitNameException e) {
            log.warning(origin, "cannot stop waiting for " + device + ": " + e.getMessage());
        }
    }
}
