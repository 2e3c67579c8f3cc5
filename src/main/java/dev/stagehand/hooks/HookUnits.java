package dev.stagehand.hooks;

import dev.stagehand.graph.MountPoint;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.UnitNames;
import dev.stagehand.units.ExecArgs;
import dev.stagehand.units.Links;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One unit per hook point that has scripts, stagehand-hook@POINT.service, written by the
 * generator (not a template with drop-ins: the unit is complete in the generator directory,
 * so what runs, in which order and against what, is in one file that `systemctl cat` shows
 * and the golden trees pin, and it comes from the same binary that runs it). Each unit runs
 * `stagehand hook run POINT SCRIPT...` with the scripts in their order; see {@link HookPoint}
 * for where each point sits, and docs/hooks.md for why.
 *
 * A failing script fails the unit: OnFailure= starts emergency.target (as systemd's own
 * initrd targets do), and the units and targets after it require it, so the boot stops
 * there. Conflicts=emergency.target stops whatever hook is still pending or looping then.
 */
public final class HookUnits {
    private final Log log;
    private final PlanBuilder plan;

    public HookUnits(Log log, PlanBuilder plan) {
        this.log = log;
        this.plan = plan;
    }

    /**
     * @param root the planned /sysroot mount, or null (local-block needs a root device)
     * @param lvmActivation the units that activate the volume groups (stagehand-lvm-activate@VG):
     *                      NixOS ran preLVMCommands before `lvm vgchange -ay` and
     *                      postDeviceCommands after it
     */
    public void add(
            Map<HookPoint, List<HookScript>> scripts,
            HookSettings settings,
            MountPoint root,
            KernelCommandLine cmdline,
            List<String> lvmActivation) {
        settings.reportUnmatched(scripts, log);
        boolean rootWait = plan.contains(OutputDir.NORMAL, RootWaitUnits.SERVICE);
        List<String> activation = lvmActivation.stream()
                .filter(u -> plan.contains(OutputDir.NORMAL, u))
                .toList();
        String resumeUnit = resumeUnit(cmdline);
        Map<HookPoint.Family, String> previous = new EnumMap<>(HookPoint.Family.class);
        for (Map.Entry<HookPoint, List<HookScript>> e : scripts.entrySet()) {
            HookPoint p = e.getKey();
            List<HookScript> list = e.getValue();
            // what explain names as the unit's input: the script (NixOS) or its stage folder
            String first = list.get(0).path();
            Origin origin = p.family == HookPoint.Family.NIXOS
                    ? Origin.file(first)
                    : Origin.file(first.substring(0, first.lastIndexOf('/')));
            String waitFor = null;
            if (p == HookPoint.LOCAL_BLOCK) {
                if (root == null || !Paths.isDevicePath(root.what())) {
                    log.notice(
                            Origin.file(list.get(0).path()),
                            "local-block scripts do not run: the root is not a device "
                                    + "(initramfs-tools calls them only while it waits for a root device)");
                    continue;
                }
                waitFor = root.what();
            }
            String prev = p.isFailureHook() ? null : previous.get(p.family);
            PlanBuilder.Transaction tx = plan.begin(origin);
            try {
                tx.unit(unit(
                        p, list, settings, prev, rootWait && p.precedesRootWait(), resumeUnit, waitFor, activation));
            } catch (IllegalArgumentException ex) { // a value the checks above should have refused
                log.error(origin, "no unit for the " + p.id() + " hooks: " + ex.getMessage());
                continue;
            }
            for (String t : p.requiredBy()) tx.link(Links.dependency(t, "requires", p.unitName()));
            // the root wait's budget starts after these points and not at all when one failed
            // (else it would run out in the emergency shell and fail the root device again)
            if (rootWait && p.precedesRootWait())
                tx.link(Links.dependency(RootWaitUnits.SERVICE, "requires", p.unitName()));
            if (p.isFailureHook()) tx.link(Links.dependency("emergency.target", "wants", p.unitName()));
            var problem = tx.commit();
            if (problem.isPresent()) {
                log.error(origin, "no unit for the " + p.id() + " hooks: " + problem.get());
                continue;
            }
            if (!p.isFailureHook()) previous.put(p.family, p.unitName());
        }
    }

    private UnitFile unit(
            HookPoint p,
            List<HookScript> scripts,
            HookSettings settings,
            String prev,
            boolean beforeRootWait,
            String resumeUnit,
            String waitFor,
            List<String> lvmActivation) {
        List<String> after = new ArrayList<>();
        if (prev != null) after.add(prev);
        after.addAll(p.after());
        if (p == HookPoint.NIXOS_POST_RESUME && resumeUnit != null) after.add(resumeUnit);
        if (p == HookPoint.NIXOS_POST_DEVICE) after.addAll(lvmActivation);
        List<String> before = new ArrayList<>(p.before());
        if (p == HookPoint.NIXOS_PRE_LVM) before.addAll(lvmActivation);
        if (beforeRootWait) before.add(RootWaitUnits.SERVICE);
        before.add("shutdown.target");

        StringBuilder exec =
                new StringBuilder(RootWaitUnits.BINARY).append(" hook run ").append(ExecArgs.quote(p.id()));
        if (waitFor != null) exec.append(" --wait-for=").append(ExecArgs.quote(waitFor));
        for (HookScript s : scripts) {
            if (settings.isOptional(s)) exec.append(" --optional=").append(ExecArgs.quote(s.name()));
        }
        for (HookScript s : scripts) exec.append(' ').append(ExecArgs.quote(s.path()));

        UnitFile.Builder b = UnitFile.builder(p.unitName())
                .section("Unit")
                .set("Description", description(p))
                .set("Documentation", "man:stagehand(8)")
                .set("DefaultDependencies", "no")
                .set("Conflicts", p.isFailureHook() ? "shutdown.target" : "shutdown.target emergency.target");
        if (prev != null) b.set("Requires", prev);
        if (!p.wants().isEmpty()) b.set("Wants", String.join(" ", p.wants()));
        if (!after.isEmpty()) b.set("After", String.join(" ", after));
        b.set("Before", String.join(" ", before));
        if (!p.isFailureHook()) {
            b.set("OnFailure", "emergency.target").set("OnFailureJobMode", "replace-irreversibly");
        }
        for (HookScript s : scripts) {
            b.comment(s.hookName()
                    + (settings.isOptional(s) ? " (optional)" : "")
                    + (s.prereqs().isEmpty() ? "" : ", PREREQ: " + String.join(" ", s.prereqs())));
        }
        b.section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", p.isFailureHook() ? "no" : "yes")
                // scripts may wait for people (a passphrase typed on the console); the emergency
                // shell must not wait for a hung preFailCommands
                .set("TimeoutStartSec", p.isFailureHook() ? "90s" : "infinity")
                .set("StandardInput", "null")
                .set("StandardOutput", "journal+console")
                .set("ExecStart", exec.toString());
        return b.build();
    }

    private static String description(HookPoint p) {
        return switch (p.family) {
            case INITRAMFS_TOOLS -> "initramfs-tools " + p.stage + " scripts";
            case NIXOS -> "NixOS stage 1 " + p.stage;
        };
    }

    /** systemd 252's systemd-hibernate-resume@DEV.service for resume=DEV (later ones have no instance). */
    static String resumeUnit(KernelCommandLine cmdline) {
        String dev = null;
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            if (w.key().equals("resume") && w.value() != null) dev = w.value();
        }
        if (dev == null) return null;
        String node = DeviceNodes.toUdevNode(dev);
        if (!Paths.isDevicePath(node)) return null;
        try {
            return UnitNames.fromPathInstance("systemd-hibernate-resume", node, ".service");
        } catch (UnitNames.InvalidUnitNameException e) {
            return null;
        }
    }
}
