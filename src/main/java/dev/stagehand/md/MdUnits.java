package dev.stagehand.md;

import dev.stagehand.graph.MdArray;
import dev.stagehand.input.MdadmConf;
import dev.stagehand.log.Log;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.systemd.Specifiers;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.units.DevicePolicyService;
import dev.stagehand.units.ExecArgs;
import java.util.Locale;

/**
 * The degraded policy of an md array: stagehand-md-degraded@UUID.service (32 hex digits) runs
 * `stagehand md-degraded`, which waits for the array to run (its by-id link) and, when members
 * are still missing after the timeout (not counting passphrase prompts), starts it degraded
 * (auto) or asks (ask). It replaces mdadm's fixed 30 s last-resort timer and dracut's start
 * of inactive arrays when its initqueue times out (about 2 minutes). It is wanted by
 * initrd-root-device.target but orders nothing: a slow array holds up only what needs it.
 * With policy never no unit is written (the root wait names the array when it gives up),
 * unless stagehand has to assemble the array (MdArray.assemble: --assemble, with --policy=never).
 */
public final class MdUnits {
    public static final String PREFIX = "stagehand-md-degraded@";

    private final Log log;
    private final PlanBuilder plan;

    public MdUnits(Log log, PlanBuilder plan) {
        this.log = log;
        this.plan = plan;
    }

    public static String unitName(MdArray a) {
        // 32 hex digits, no colons: systemd-analyze verify (252) cannot take a unit path with ":"
        return PREFIX + a.uuid() + ".service";
    }

    public boolean add(MdArray a) {
        if (a.policy() == MdArray.Degraded.NEVER && !a.assemble()) return true;
        String unit = unitName(a);
        StringBuilder exec = new StringBuilder(RootWaitUnits.BINARY)
                .append(" md-degraded --uuid=")
                .append(MdadmConf.mdUuid(a.uuid()))
                .append(" --policy=")
                .append(a.policy().name().toLowerCase(Locale.ROOT))
                .append(" --timeout=")
                .append(ExecArgs.quote(TimeSpan.format(a.timeoutMicros())));
        if (a.name() != null) exec.append(" --name=").append(ExecArgs.quote(a.name()));
        if (a.assemble()) exec.append(" --assemble");
        String description = (a.assemble() ? "Assemble " + Specifiers.escape(a.label()) + "; " : "")
                + (a.policy() == MdArray.Degraded.NEVER
                        ? "never start it degraded"
                        : (a.assemble() ? "start it" : "Start " + Specifiers.escape(a.label()))
                                + " degraded if members are still missing after " + TimeSpan.format(a.timeoutMicros()));
        return DevicePolicyService.add(
                plan, log, a.origin(), unit, description, exec.toString(), "no degraded policy for " + a.label());
    }
}
