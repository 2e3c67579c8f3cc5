package dev.stagehand.fstab;

import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.MountPoints;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.Specifiers;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.systemd.UnitNames;
import dev.stagehand.units.DeviceDeps;
import dev.stagehand.units.FormatHooks;
import dev.stagehand.units.FsckDeps;
import dev.stagehand.units.Links;
import dev.stagehand.units.UnitPathList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Turns one {@link MountPoint} into its .mount (and .automount) unit, drop-ins, hooks and
 * links, as systemd-fstab-generator's add_mount() writes them. All of it goes into one
 * transaction: a mount that cannot be written leaves nothing behind.
 */
public final class MountUnits {
    private final Environment env;
    private final Log log;
    private final PlanBuilder plan;

    public MountUnits(Environment env, Log log, PlanBuilder plan) {
        this.env = env;
        this.log = log;
        this.plan = plan;
    }

    /** Not writable: the entry is reported and skipped. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** add_mount(); true if the mount was planned. */
    public boolean add(MountPoint m) {
        try {
            return plan(m);
        } catch (Refused e) {
            log.error(m.origin(), e.getMessage() + "; entry ignored");
            return false;
        }
    }

    private boolean plan(MountPoint m) throws Refused {
        Origin o = m.origin();
        String what = m.what(), where = m.where(), fstype = m.fstype(), opts = m.options();
        EnumSet<MountFlag> flags = m.flags().isEmpty() ? EnumSet.noneOf(MountFlag.class) : EnumSet.copyOf(m.flags());
        String target = m.target();

        if ("autofs".equals(fstype)) return false;
        if (!Paths.isPath(where)) {
            log.error(
                    o, "mount point \"" + where + "\" is not a valid path (expected an absolute path); entry ignored");
            return false;
        }
        if (MountPoints.isApi(where) || MountPoints.isIgnored(where)) {
            log.debug(o, where + " is an API file system mount point; ignored");
            return false;
        }
        refuseUnsafe("What=", what);
        refuseUnsafe("Where=", where);
        refuseUnsafe("mount options", opts);
        refuseUnsafe("Type=", fstype);

        List<String> wantedBy = new ArrayList<>(FstabOptions.values(opts, "x-systemd.wanted-by"));
        List<String> requiredBy = new ArrayList<>(FstabOptions.values(opts, "x-systemd.required-by"));
        if (Paths.inSet(where, "/", "/usr")) {
            opts = MandatoryMounts.dropInapplicableOptions(flags, where, opts, log, o);
            wantedBy.clear();
            requiredBy.clear();
        }

        String name = unitName(where, ".mount");
        if (plan.contains(m.dir(), name)) {
            throw new Refused(name + " was already written for an earlier entry (duplicate mount point " + where + ")");
        }
        PlanBuilder.Transaction tx = plan.begin(m.dir(), m.origin());
        UnitFile.Builder u = UnitFile.builder(name)
                .section("Unit")
                .set("Documentation", "man:fstab(5) man:systemd-fstab-generator(8)")
                .set("SourcePath", m.sourcePath());

        if (("nfs".equals(fstype) || "nfs4".equals(fstype))
                && !flags.contains(MountFlag.AUTOMOUNT)
                && FstabOptions.yesNo(opts, "bg", "fg")) {
            // "bg" is handled by systemd, so mount.nfs sees "fg"; keep bg's long retry and no timeout
            opts = "x-systemd.mount-timeout=infinity,retry=10000,nofail," + opts + ",fg";
            flags.add(MountFlag.NOFAIL);
        }

        if (!wantedBy.isEmpty() || !requiredBy.isEmpty()) {
            target = null;
            u.set("DefaultDependencies", "no").set("Conflicts", "umount.target").set("Before", "umount.target");
        }

        writeExtraDependencies(u, o, where, opts);

        if (target != null && !flags.contains(MountFlag.NOFAIL)) u.set("Before", target);

        try {
            if (m.passno() != 0) FsckDeps.write(tx, u, env, log, o, what, where, fstype);
            DeviceDeps.writeBlockdevDependency(u, what);
        } catch (UnitNames.InvalidUnitNameException e) {
            throw new Refused("cannot name the units for " + what + ": " + e.getMessage());
        }

        u.section("Mount").set("What", Specifiers.escape(what));
        if (m.originalWhere() != null) u.comment("Canonicalized from " + m.originalWhere());
        u.set("Where", Specifiers.escape(where));
        if (fstype != null && !fstype.isEmpty() && !fstype.equals("auto")) u.set("Type", Specifiers.escape(fstype));

        String filtered = DeviceDeps.writeTimeouts(tx, log, o, what, where, opts);
        DeviceDeps.writeNetdevDeps(tx, env.inInitrd(), what, where, opts);
        // the root's device: of /sysroot, or of the partition that holds the root image
        if (env.inInitrd()
                && (Paths.equal(where, "/sysroot") && !flags.contains(MountFlag.IMAGE)
                        || flags.contains(MountFlag.IMAGE_SOURCE))
                && Paths.isDevicePath(what)) {
            try {
                DeviceDeps.writeInitrdRootDeviceDeps(tx, what);
            } catch (UnitNames.InvalidUnitNameException e) {
                throw new Refused("cannot name the device unit of " + what + ": " + e.getMessage());
            }
        }
        String mountTimeout = FstabOptions.value(opts, "x-systemd.mount-timeout");
        if (FstabOptions.has(opts, "x-systemd.mount-timeout")) {
            Long t = mountTimeout == null ? null : TimeSpan.parseSecFix0(mountTimeout);
            if (t == null)
                log.warning(
                        o,
                        "x-systemd.mount-timeout=" + (mountTimeout == null ? "" : mountTimeout) + " of " + where
                                + " is not a time span (expected e.g. 30s or 2min); ignored");
            else u.set("TimeoutSec", TimeSpan.format(t));
        }
        if (filtered != null && !filtered.isEmpty() && !filtered.equals("defaults")) {
            u.set("Options", Specifiers.escape(filtered));
        }
        if (flags.contains(MountFlag.RW_ONLY)) u.set("ReadWriteOnly", "yes");
        tx.unit(u.build());

        hooks(tx, m, flags, where, target, fstype);

        String automountName = null;
        if (flags.contains(MountFlag.AUTOMOUNT)) {
            automountName = unitName(where, ".automount");
            UnitFile.Builder a = UnitFile.builder(automountName)
                    .section("Unit")
                    .set("SourcePath", m.sourcePath())
                    .set("Documentation", "man:fstab(5) man:systemd-fstab-generator(8)")
                    .section("Automount")
                    .set("Where", Specifiers.escape(where));
            String idle = FstabOptions.value(opts, "x-systemd.idle-timeout");
            if (FstabOptions.has(opts, "x-systemd.idle-timeout")) {
                Long t = idle == null ? null : TimeSpan.parseSecFix0(idle);
                if (t == null)
                    log.warning(
                            o,
                            "x-systemd.idle-timeout=" + (idle == null ? "" : idle) + " of " + where
                                    + " is not a time span (expected e.g. 30s or 2min); ignored");
                else a.set("TimeoutIdleSec", TimeSpan.format(t));
            }
            tx.unit(a.build());
        }

        String pulled = automountName != null ? automountName : name;
        if (target != null) {
            // noauto has no effect with x-systemd.automount
            if (!flags.contains(MountFlag.NOAUTO) || automountName != null) {
                tx.link(Links.dependency(target, flags.contains(MountFlag.NOFAIL) ? "wants" : "requires", pulled));
            }
        } else {
            for (String s : wantedBy) tx.link(Links.dependency(checkedUnit(s), "wants", pulled));
            for (String s : requiredBy) tx.link(Links.dependency(checkedUnit(s), "requires", pulled));
            if (flags.contains(MountFlag.NOAUTO) || flags.contains(MountFlag.NOFAIL)) {
                log.warning(
                        o,
                        "x-systemd.wanted-by= and/or x-systemd.required-by= given, so noauto and nofail have no effect");
            }
        }

        Optional<String> problem = tx.commit();
        if (problem.isPresent()) throw new Refused(problem.get());
        return true;
    }

    private void hooks(
            PlanBuilder.Transaction tx,
            MountPoint m,
            EnumSet<MountFlag> flags,
            String where,
            String target,
            String fstype) {
        Origin o = m.origin();
        if (flags.contains(MountFlag.MAKEFS)) {
            try {
                FormatHooks.mkfs(tx, env.inInitrd(), m.what(), where, fstype);
            } catch (FormatHooks.HookException e) {
                log.error(o, "x-systemd.makefs: " + e.getMessage() + "; mounting without it");
            }
        }
        try {
            if (flags.contains(MountFlag.GROWFS)) FormatHooks.growfs(tx, where, target);
            if (flags.contains(MountFlag.PCRFS)) {
                if (MeasuredBoot.measuredUki(env)) FormatHooks.pcrfs(tx, where, target);
                else log.debug(o, "the kernel stub did not measure the kernel image into a PCR; no x-systemd.pcrfs");
            }
        } catch (FormatHooks.HookException e) {
            log.error(o, e.getMessage());
        }
        if (flags.contains(MountFlag.QUOTA)) {
            try {
                FormatHooks.quotacheck(tx, m.what(), where, target, fstype);
                FormatHooks.quotaon(tx, where, target);
            } catch (FormatHooks.HookException e) {
                log.warning(o, e.getMessage());
            }
        }
    }

    private void refuseUnsafe(String what, String value) throws Refused {
        if (value == null) return;
        String p = UnitValues.problem(value);
        if (p != null) throw new Refused(what + " \"" + value + "\" cannot be written to a unit file: " + p);
    }

    private static String unitName(String path, String suffix) throws Refused {
        try {
            return UnitNames.fromPath(path, suffix);
        } catch (UnitNames.InvalidUnitNameException e) {
            throw new Refused("cannot make a unit name from " + path + ": " + e.getMessage());
        }
    }

    /** x-systemd.wanted-by=/required-by= name a unit that gets a .wants/.requires folder. */
    private static String checkedUnit(String s) throws Refused {
        if (!UnitNames.isValid(s)) throw new Refused("\"" + s + "\" is not a valid unit name");
        return s;
    }

    /** write_extra_dependencies(): x-systemd.after/requires/wants/before and *-mounts-for. */
    private void writeExtraDependencies(UnitFile.Builder u, Origin o, String where, String opts) throws Refused {
        if (opts == null || opts.isEmpty()) return;
        dependency(u, opts, "x-systemd.after", "After");
        dependency(u, opts, "x-systemd.requires", "Requires", "After");
        dependency(u, opts, "x-systemd.wants", "Wants", "After");
        dependency(u, opts, "x-systemd.before", "Before");
        mountsFor(u, o, opts, "x-systemd.requires-mounts-for", "RequiresMountsFor");
        mountsFor(u, o, opts, "x-systemd.wants-mounts-for", "WantsMountsFor");
    }

    private void dependency(UnitFile.Builder u, String opts, String option, String... settings) throws Refused {
        List<String> names = FstabOptions.values(opts, option);
        if (names.isEmpty()) return;
        List<String> mangled = new ArrayList<>();
        for (String n : names) {
            Optional<String> m = UnitNames.mangle(n, ".mount");
            if (m.isEmpty())
                throw new Refused(option + "=" + n + " does not name a unit (expected a unit name or a path)");
            mangled.add(m.get());
        }
        String units = String.join(" ", mangled);
        for (String s : settings) u.set(s, units);
    }

    private void mountsFor(UnitFile.Builder u, Origin o, String opts, String option, String setting) throws Refused {
        FstabOptions.Filtered f = FstabOptions.filter(opts, true, option);
        if (!f.found()) return;
        List<String> escaped = new ArrayList<>();
        for (String p : f.values()) {
            refuseUnsafe(option, p);
            String problem = UnitPathList.problem(p);
            if (problem != null) {
                // systemd writes it and then ignores it with a warning when it loads the unit
                log.warning(o, option + "=" + p + " is left out: " + problem);
                continue;
            }
            escaped.add(UnitPathList.word(p));
        }
        if (!escaped.isEmpty()) u.set(setting, String.join(" ", escaped));
    }
}
