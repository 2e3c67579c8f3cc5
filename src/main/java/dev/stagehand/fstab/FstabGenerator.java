package dev.stagehand.fstab;

import dev.stagehand.config.StagehandConfig;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.TargetRequirement;
import dev.stagehand.input.Environment;
import dev.stagehand.input.FstabFile;
import dev.stagehand.input.InputFile;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.netroot.NetworkRootSettings;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.units.SystemdPaths;
import dev.stagehand.units.Units;
import java.io.IOException;

/**
 * The root/fstab part of the generator, equal to systemd-fstab-generator 257: reads the
 * kernel command line, the initrd's /etc/fstab and /sysroot/etc/fstab into the storage graph,
 * then plans their units.
 */
public final class FstabGenerator {
    private final Environment env;
    private final Log log;
    private FstabCommandLine commandLine;

    public FstabGenerator(Environment env, Log log) {
        this.env = env;
        this.log = log;
    }

    /**
     * run_generator(): the graph of mounts, swaps and target links, in systemd's order.
     * {@code config} gives the settings of a downloaded root ([Fetch]), read only for one.
     */
    public StorageGraph read(KernelCommandLine cmdline, StagehandConfig config) {
        FstabCommandLine given = FstabCommandLine.parse(cmdline, log);
        FstabCommandLine c = given.withVerity(log);
        commandLine = c;
        StorageGraph graph = new StorageGraph();
        RootMounts roots = new RootMounts(log, () -> NetworkRootSettings.parse(cmdline, config, log));
        boolean initrd = env.inInitrd();
        if (initrd) {
            roots.addRoot(graph, c, RootMounts.rootOrigin(given));
            roots.addUsrOrFallback(graph, c, RootMounts.usrOrigin(given));
            roots.addVolatileRoot(graph, c);
        } else {
            roots.addVolatileVar(graph, c);
        }
        FstabEntries entries = new FstabEntries(env, log, c.swapEnabled());
        if (c.fstabEnabled()) {
            readFstab(graph, entries, env.input("SYSTEMD_FSTAB", "/etc/fstab"), false);
            if (initrd) {
                readFstab(graph, entries, env.input("SYSTEMD_SYSROOT_FSTAB", "/sysroot/etc/fstab"), true);
            } else {
                graph.add(new TargetRequirement(
                        Origin.file("/etc/fstab"),
                        Units.LOCAL_FS_TARGET,
                        "wants",
                        SystemdPaths.UNIT_DIR + "/" + Units.REMOUNT_FS_SERVICE));
            }
        }
        for (FstabCommandLine.ExtraMount m : c.extraMounts()) {
            if (m.forInitrd() && !initrd) continue;
            entries.add(
                    graph,
                    new FstabEntries.Entry(
                            m.origin(), RootMounts.SOURCE, m.what(), m.where(), m.fstype(), m.options(), -1),
                    !m.forInitrd() && initrd,
                    true,
                    false);
        }
        return graph;
    }

    /** The command line as {@link #read} understood it (root=, rootfstype=, ...), or null before. */
    public FstabCommandLine commandLine() {
        return commandLine;
    }

    private void readFstab(StorageGraph graph, FstabEntries entries, InputFile file, boolean prefixSysroot) {
        String text;
        try {
            text = file.read();
        } catch (IOException e) {
            log.error(Origin.file(file.shownAs()), "cannot read: " + e.getMessage());
            return;
        }
        if (text == null) return;
        String source = UnitValues.sanitize(file.shownAs());
        for (FstabFile.Entry e : FstabFile.parse(text, file.shownAs(), log)) {
            entries.add(
                    graph,
                    new FstabEntries.Entry(e.origin(), source, e.what(), e.where(), e.type(), e.options(), e.passno()),
                    prefixSysroot,
                    false,
                    true);
        }
    }
}
