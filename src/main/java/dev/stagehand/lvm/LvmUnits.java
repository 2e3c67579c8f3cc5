package dev.stagehand.lvm;

import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.log.Log;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.systemd.Specifiers;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.systemd.UnitNames;
import dev.stagehand.units.DevicePolicyService;
import dev.stagehand.units.ExecArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The activation of a volume group: stagehand-lvm-activate@VG.service (VG escaped as systemd
 * escapes an instance) runs `stagehand lvm-activate`, which activates the group's wanted LVs
 * once lvm sees all its PVs, and with policy auto activates them degraded when PVs are still
 * missing after the timeout. Written for policy never too (it still activates the complete
 * group: dracut's 90lvm does not when neither rd.lvm.lv= nor rd.lvm.vg= is given). Wanted by
 * initrd-root-device.target, ordering nothing: a slow group holds up only what needs it.
 */
public final class LvmUnits {
    public static final String PREFIX = "stagehand-lvm-activate@";

    private final Log log;
    private final PlanBuilder plan;

    public LvmUnits(Log log, PlanBuilder plan) {
        this.log = log;
        this.plan = plan;
    }

    public static String unitName(LvmGroup g) {
        return PREFIX + UnitNames.escape(g.vg()) + ".service";
    }

    /** The activation units of the graph's volume groups (planned or not: callers check the plan). */
    public static List<String> activationUnits(StorageGraph graph) {
        List<String> out = new ArrayList<>();
        for (StorageNode n : graph.nodes()) if (n instanceof LvmGroup g) out.add(unitName(g));
        return out;
    }

    public boolean add(LvmGroup g) {
        String unit = unitName(g);
        boolean auto = g.policy() == LvmGroup.Degraded.AUTO;
        StringBuilder exec = new StringBuilder(RootWaitUnits.BINARY)
                .append(" lvm-activate --vg=")
                .append(ExecArgs.quote(g.vg()));
        for (String lv : g.lvs()) exec.append(" --lv=").append(ExecArgs.quote(lv));
        exec.append(" --policy=")
                .append(g.policy().name().toLowerCase(Locale.ROOT))
                .append(" --timeout=")
                .append(ExecArgs.quote(TimeSpan.format(g.timeoutMicros())));
        String description = "Activate " + Specifiers.escape(g.wanted()) + " when every PV of "
                + Specifiers.escape(g.label()) + " is present"
                + (auto
                        ? ", degraded if PVs are still missing " + TimeSpan.format(g.timeoutMicros())
                                + " after the first"
                        : "");
        return DevicePolicyService.add(
                plan, log, g.origin(), unit, description, exec.toString(), "no activation for " + g.label());
    }
}
