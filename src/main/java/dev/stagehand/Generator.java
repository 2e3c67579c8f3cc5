package dev.stagehand;

import dev.stagehand.config.SettingKeys;
import dev.stagehand.config.StagehandConfig;
import dev.stagehand.crypt.CryptsetupGenerator;
import dev.stagehand.fsck.FsckEarlySettings;
import dev.stagehand.fsck.HostFstab;
import dev.stagehand.fstab.FstabCommandLine;
import dev.stagehand.fstab.FstabGenerator;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.hooks.HookScripts;
import dev.stagehand.hooks.HookSettings;
import dev.stagehand.hooks.HookUnits;
import dev.stagehand.image.ImageRoots;
import dev.stagehand.image.ImageSettings;
import dev.stagehand.input.DracutCommandLine;
import dev.stagehand.input.Environment;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.lvm.LvmUnits;
import dev.stagehand.lvm.LvmVolumes;
import dev.stagehand.md.MdArrays;
import dev.stagehand.netroot.NetworkRootSettings;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.Plan;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.retry.CommandLineOverrides;
import dev.stagehand.retry.RetryUnits;
import dev.stagehand.rootwait.LocateSettings;
import dev.stagehand.rootwait.RootWaitSettings;
import dev.stagehand.write.TreeWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One generator run: inputs → storage graph → plan → written tree. Whatever goes wrong is
 * logged, and whatever was planned completely before it still gets written: a boot with
 * a root mount and an error message beats a boot with neither.
 */
public final class Generator {
    public static final String NAME = "stagehand-generator";

    /** The settings of stagehand.conf (stagehand.conf(5)) and rd.stagehand.*, each declared by its reader. */
    public static final List<SettingKeys> SETTINGS = List.of(
            RootWaitSettings.KEYS,
            LocateSettings.KEYS,
            MdArrays.KEYS,
            LvmVolumes.KEYS,
            HookSettings.KEYS,
            ImageSettings.KEYS,
            NetworkRootSettings.KEYS,
            FsckEarlySettings.KEYS);

    private final Environment env;
    private final Log log;

    public Generator(Environment env, Log log) {
        this.env = env;
        this.log = log;
    }

    /**
     * What a run found: the storage graph and the plan made from it, and what check looks at
     * besides: the command line as md and LVM read it (the kernel's words, the retry overrides
     * applied, with dracut's command line files; null if it could not be read) and stagehand.conf.
     *
     * @param planned the nodes of the graph that got their units (compared by identity); the
     *                others were refused with a message, skipped as systemd skips them, or are a
     *                command line volume that a crypttab line of the same volume made needless
     */
    public record Analysis(
            StorageGraph graph,
            Plan plan,
            RootWaitSettings rootWait,
            Set<StorageNode> planned,
            KernelCommandLine cmdline,
            StagehandConfig config) {
        public boolean isPlanned(StorageNode n) {
            return planned.contains(n);
        }
    }

    /** Reads the inputs and plans the units, without writing anything. */
    public Plan plan() {
        return analyze().plan();
    }

    /** The graph and the plan (for explain and check as much as for the generator). */
    public Analysis analyze() {
        PlanBuilder builder = new PlanBuilder();
        StorageGraph graph = new StorageGraph();
        RootWaitSettings rootWait = null;
        Set<StorageNode> planned = Collections.newSetFromMap(new IdentityHashMap<>());
        KernelCommandLine dracut = null;
        StagehandConfig config = StagehandConfig.empty();
        try {
            KernelCommandLine original = new KernelCommandLine(env.kernelCommandLine(), env.inInitrd());
            CommandLineOverrides overrides = CommandLineOverrides.load(env, log);
            KernelCommandLine cmdline = overrides.applyTo(original, log);
            config = StagehandConfig.load(env, log);
            FstabGenerator fstab = new FstabGenerator(env, log);
            graph = fstab.read(cmdline, config);
            new CryptsetupGenerator(env, log).read(cmdline, graph);
            config.reportUnknown(SETTINGS, log);
            FstabCommandLine given = fstab.commandLine();
            boolean image = env.inInitrd() && ImageRoots.isImageRoot(given.rootWhat());
            ImageSettings imageSettings = ImageSettings.parse(cmdline, config, image, log);
            if (image)
                new ImageRoots(log)
                        .add(
                                graph,
                                cmdline,
                                given.rootWhat(),
                                given.rootFstype(),
                                given.rootOptions(),
                                given.rootHash(),
                                given.verity(),
                                imageSettings);
            // md and LVM as dracut sees them: with the words of its command line files
            dracut = DracutCommandLine.extend(cmdline, env, log);
            new MdArrays(env, log).read(dracut, config, graph);
            new LvmVolumes(env, log).read(dracut, config, graph);
            rootWait = RootWaitSettings.parse(cmdline, config, env, log);
            if (FsckEarlySettings.parse(cmdline, config, log).enabled() && env.inInitrd())
                HostFstab.read(env, log, graph);
            MountPoint root = new UnitPlanner(env, log, builder, planned)
                    .plan(graph, rootWait, LocateSettings.parse(cmdline, log), env.inInitrd());
            if (env.inInitrd() && HookSettings.enabled(cmdline, log)) {
                // legacy hooks (initramfs-tools scripts, NixOS stage-1 commands) belong to stage 1 only
                new HookUnits(log, builder)
                        .add(
                                new HookScripts(env.root(), log).discover(),
                                HookSettings.parse(config, log),
                                root,
                                cmdline,
                                LvmUnits.activationUnits(graph));
            }
            RetryUnits.abandon(overrides.abandonedRoot(original.rawWords()), builder, log);
        } catch (IOException e) {
            log.error(Origin.file("/proc/cmdline"), "cannot read the kernel command line: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            log.error(null, "internal error, writing what was planned before it: " + e);
        }
        return new Analysis(graph, builder.build(), rootWait, Collections.unmodifiableSet(planned), dracut, config);
    }

    /** Plans and writes; returns the plan it wrote (for tests: the tree must be exactly it). */
    public Plan run(Path normal, Path early, Path late) {
        Plan plan = plan();
        Map<OutputDir, Path> dirs = new EnumMap<>(OutputDir.class);
        dirs.put(OutputDir.NORMAL, normal);
        dirs.put(OutputDir.EARLY, early);
        dirs.put(OutputDir.LATE, late);
        try {
            new TreeWriter(NAME, log).write(plan, dirs);
        } catch (IOException | RuntimeException e) {
            log.error(Origin.file(normal.toString()), "cannot write the units: " + e);
        }
        return plan;
    }
}
