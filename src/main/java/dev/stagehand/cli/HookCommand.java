package dev.stagehand.cli;

import dev.stagehand.hooks.HookPoint;
import dev.stagehand.hooks.HookScript;
import dev.stagehand.hooks.HookScripts;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.input.Root;
import dev.stagehand.log.Level;
import dev.stagehand.log.Log;
import dev.stagehand.retry.CommandLineOverrides;
import dev.stagehand.runtime.hooks.HookEnvironment;
import dev.stagehand.runtime.hooks.HookRunner;
import dev.stagehand.runtime.retry.Retry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** stagehand hook: legacy hook scripts (initramfs-tools, NixOS stage 1) in a systemd initrd. */
@Command(
        name = "hook",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Legacy hook scripts (initramfs-tools, NixOS stage-1 commands) in a systemd initrd.",
        subcommands = {HookCommand.Run.class})
public final class HookCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required (run)");
    }

    /** stagehand hook run POINT [SCRIPT...]: run by stagehand-hook@POINT.service. */
    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            versionProvider = Version.class,
            description = {
                "Run the scripts of one hook point in order, with the environment they expect.",
                "POINT: init-top init-premount local-top local-block local-premount local-bottom init-bottom,"
                        + " or nixos/NAME (preDeviceCommands preLVMCommands postDeviceCommands postResumeCommands"
                        + " postMountCommands preFailCommands).",
                "Without SCRIPTs, the point's scripts are found and ordered as the generator does.",
                "Exit 0 when every script succeeded (or only optional ones failed), 1 when one failed."
            })
    public static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "POINT", description = "the hook point")
        String point;

        @Parameters(index = "1..*", paramLabel = "SCRIPT", description = "the scripts, in the order they run")
        List<Path> scripts = new ArrayList<>();

        @Option(
                names = "--optional",
                paramLabel = "NAME",
                description = "a script whose failure does not stop the boot (repeatable)")
        List<String> optional = new ArrayList<>();

        @Option(
                names = "--wait-for",
                paramLabel = "DEVICE",
                description = "local-block: run the scripts every second until DEVICE exists")
        Path waitFor;

        @Option(
                names = "--state-dir",
                paramLabel = "DIR",
                defaultValue = "/run/stagehand/hooks",
                description = "where done-markers are kept (default ${DEFAULT-VALUE})")
        Path stateDir;

        @Override
        public Integer call() throws InterruptedException {
            HookPoint p = HookPoint.byId(point);
            if (p == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "unknown hook point \"" + point + "\" (expected one of " + String.join(", ", HookPoint.ids())
                                + ")");
            }
            List<Path> run = new ArrayList<>(scripts);
            if (run.isEmpty()) {
                Log log = Log.toStderr(spec.root().name(), Level.NOTICE);
                HookScripts found = new HookScripts(Root.system(), log);
                for (HookScript s : p.family == HookPoint.Family.NIXOS ? found.nixos(p) : found.initramfsTools(p)) {
                    run.add(Path.of(s.path()));
                }
            }
            Root root = Root.system();
            Log log = Log.toStderr(spec.root().name() + " hook", Level.WARNING);
            Retry retry = new Retry(
                    root,
                    new SystemctlProgram("systemctl"),
                    System.out,
                    spec.root().name() + " hook");
            CommandLineOverrides overrides;
            try {
                overrides = retry.overrides(log);
            } catch (IOException e) {
                overrides = CommandLineOverrides.none();
            }
            // the command line as the generator sees it: with `stagehand retry --set` and a
            // root that an earlier point's scripts set through param.conf
            String cmdline = read("/proc/cmdline");
            List<String> original = new KernelCommandLine(cmdline, true).rawWords();
            if (!overrides.isEmpty()) cmdline = String.join(" ", overrides.apply(original));
            Map<String, String> env = new HashMap<>(System.getenv());
            env.putAll(
                    p.family == HookPoint.Family.NIXOS
                            ? HookEnvironment.nixos()
                            : HookEnvironment.initramfsTools(
                                    cmdline, HookEnvironment.dpkgArch(System.getProperty("os.arch")), uptime()));
            HookRunner.Options o = HookRunner.Options.boot();
            o = new HookRunner.Options(
                    stateDir,
                    o.shell(),
                    o.paramConf(),
                    o.functions(),
                    o.installedFunctions(),
                    o.scriptOutput(),
                    o.out(),
                    o.sleeper());
            CommandLineOverrides base = overrides;
            HookRunner.RootFollower follower = words -> {
                CommandLineOverrides next = base;
                for (String w : words) next = next.set(w);
                return retry.followRoot(next, next.abandonedRootValue(original));
            };
            return new HookRunner(o, env, follower).run(p, run, new HashSet<>(optional), waitFor);
        }

        private static String read(String path) {
            try {
                return Files.readString(Path.of(path), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "";
            }
        }

        /** init's starttime: the uptime in whole seconds, rounded up. */
        private static Long uptime() {
            String u = read("/proc/uptime").strip();
            int cut = 0;
            while (cut < u.length() && Character.isDigit(u.charAt(cut))) cut++;
            try {
                return cut == 0 ? null : Long.parseLong(u.substring(0, cut)) + 1;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
