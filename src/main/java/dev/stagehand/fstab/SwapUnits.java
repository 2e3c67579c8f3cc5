package dev.stagehand.fstab;

import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.SwapArea;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.systemd.Specifiers;
import dev.stagehand.systemd.UnitNames;
import dev.stagehand.units.DeviceDeps;
import dev.stagehand.units.FormatHooks;
import dev.stagehand.units.Links;
import dev.stagehand.units.Units;
import java.util.Optional;

/** add_swap(): a .swap unit pulled in by swap.target. */
public final class SwapUnits {
    private final Environment env;
    private final Log log;
    private final PlanBuilder plan;

    public SwapUnits(Environment env, Log log, PlanBuilder plan) {
        this.env = env;
        this.log = log;
        this.plan = plan;
    }

    public boolean add(SwapArea s) {
        Origin o = s.origin();
        String what = s.what();
        if (!env.root().exists("/proc/swaps")) {
            log.info(o, "swap not supported, ignoring swap entry for " + what);
            return false;
        }
        if (env.inContainer()) {
            log.info(o, "running in a container, ignoring swap entry for " + what);
            return false;
        }
        for (String v : new String[] {what, s.options()}) {
            String p = v == null ? null : UnitValues.problem(v);
            if (p != null) {
                log.error(o, "\"" + v + "\" cannot be written to a unit file: " + p + "; entry ignored");
                return false;
            }
        }
        String name;
        try {
            name = UnitNames.fromPath(what, ".swap");
        } catch (UnitNames.InvalidUnitNameException e) {
            log.error(o, "cannot make a unit name from " + what + ": " + e.getMessage() + "; entry ignored");
            return false;
        }
        if (plan.contains(OutputDir.NORMAL, name)) {
            log.error(
                    o, name + " was already written for an earlier entry (duplicate swap " + what + "); entry ignored");
            return false;
        }
        PlanBuilder.Transaction tx = plan.begin(s.origin());
        UnitFile.Builder u = UnitFile.builder(name)
                .section("Unit")
                .set("Documentation", "man:fstab(5) man:systemd-fstab-generator(8)")
                .set("SourcePath", s.sourcePath());
        try {
            DeviceDeps.writeBlockdevDependency(u, what);
        } catch (UnitNames.InvalidUnitNameException e) {
            log.error(o, "cannot name the units for " + what + ": " + e.getMessage() + "; entry ignored");
            return false;
        }
        u.section("Swap").set("What", Specifiers.escape(what));
        String opts = s.options();
        if (opts != null && !opts.isEmpty() && !opts.equals("defaults")) u.set("Options", Specifiers.escape(opts));
        tx.unit(u.build());
        // the name of the device is the "where" here, for a nicer message
        DeviceDeps.writeTimeouts(tx, log, o, what, what, opts);
        if (s.has(MountFlag.MAKEFS)) {
            try {
                FormatHooks.mkswap(tx, what);
            } catch (FormatHooks.HookException e) {
                log.error(o, "x-systemd.makefs: " + e.getMessage() + "; activating without it");
            }
        }
        if (s.has(MountFlag.GROWFS)) log.warning(o, what + ": growing swap devices is currently unsupported");
        if (s.has(MountFlag.PCRFS)) log.warning(o, what + ": measuring swap devices is currently unsupported");
        if (!s.has(MountFlag.NOAUTO)) {
            tx.link(Links.dependency(Units.SWAP_TARGET, s.has(MountFlag.NOFAIL) ? "wants" : "requires", name));
        }
        Optional<String> problem = tx.commit();
        if (problem.isPresent()) {
            log.error(o, problem.get() + "; entry ignored");
            return false;
        }
        return true;
    }
}
