package dev.stagehand.cli;

import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.input.ProcessEnvironment;
import dev.stagehand.input.Root;
import dev.stagehand.log.Level;
import dev.stagehand.log.Log;
import dev.stagehand.retry.CommandLineOverrides;
import dev.stagehand.runtime.retry.Retry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** stagehand retry: continue a failed initrd boot from the emergency shell. */
@Command(
        name = "retry",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Continue a failed boot from the initrd's emergency shell: put command line overrides in place, "
                    + "re-run the generators (daemon-reload), reset failed units and start initrd.target again.",
            "Overrides live in " + CommandLineOverrides.PATH + " until the initrd ends; stagehand-generator reads them "
                    + "after /proc/cmdline. Other generators and dracut's hooks do not see them."
        })
public final class RetryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "replace every KEY= word of the kernel command line with this one (repeatable)")
    List<String> set = new ArrayList<>();

    @Option(
            names = "--unset",
            paramLabel = "KEY",
            description = "remove every KEY= word of the kernel command line (repeatable)")
    List<String> unset = new ArrayList<>();

    @Option(names = "--clear", description = "drop all earlier overrides first")
    boolean clear;

    @Option(names = "--show", description = "only print the overrides and the command line the generator sees")
    boolean show;

    @Option(
            names = "--no-start",
            description = "write the overrides and re-run the generators, but do not start initrd.target")
    boolean noStart;

    @Option(
            names = "--from-emergency",
            description = "used by emergency.service when the shell ends (see stagehand(8))")
    boolean fromEmergency;

    @Option(names = "--root", paramLabel = "DIR", hidden = true, description = "work below DIR (tests)")
    Path rootDir;

    @Option(
            names = "--systemctl",
            paramLabel = "PROGRAM",
            hidden = true,
            defaultValue = "systemctl",
            description = "the systemctl to run (tests)")
    String systemctlProgram;

    @Override
    public Integer call() throws Exception {
        Root root = rootDir != null ? new Root(rootDir) : Root.system();
        Retry retry = new Retry(root, new SystemctlProgram(systemctlProgram), System.out);
        Log log = Log.toStderr(spec.root().name() + " retry", Level.WARNING);
        List<String> original = originalWords(root);
        if (fromEmergency)
            return retry.afterEmergency(CommandLineOverrides.load(root, log).abandonedRootValue(original));
        if (!show && !root.exists("/etc/initrd-release")) {
            System.err.println("stagehand retry: this is not an initrd (no /etc/initrd-release); nothing to retry");
            return 1;
        }
        CommandLineOverrides o = clear ? CommandLineOverrides.none() : retry.overrides(log);
        for (String w : set) {
            String bad = CommandLineOverrides.problem(w);
            if (bad != null) throw new ParameterException(spec.commandLine(), "--set: " + bad);
            o = o.set(w);
        }
        for (String k : unset) {
            String bad = CommandLineOverrides.problem(k);
            if (bad != null || k.indexOf('=') >= 0)
                throw new ParameterException(spec.commandLine(), "--unset: expected a KEY, got \"" + k + "\"");
            o = o.unset(k);
        }
        if (!show && (clear || !set.isEmpty() || !unset.isEmpty())) retry.save(o);
        print(o, original);
        if (show) return 0;
        // every overridden root, not only one set now: each isolate runs dracut's cmdline hook again
        return noStart ? retry.resumeWithoutStart() : retry.resume(o.abandonedRootValue(original));
    }

    /** The kernel command line the overrides go over (SYSTEMD_PROC_CMDLINE as for the generator); null when unreadable. */
    private static List<String> originalWords(Root root) {
        String text = ProcessEnvironment.read().get("SYSTEMD_PROC_CMDLINE");
        try {
            if (text == null) text = root.read("/proc/cmdline");
        } catch (IOException e) {
            return null;
        }
        return text == null ? null : new KernelCommandLine(text, true).rawWords();
    }

    private void print(CommandLineOverrides o, List<String> original) {
        for (CommandLineOverrides.Item i : o.items()) {
            System.out.println(
                    "stagehand retry: override: " + (i.word() == null ? "unset " + i.key() : "set " + i.word()));
        }
        if (original == null) return;
        System.out.println("stagehand retry: the generator sees: " + String.join(" ", o.apply(original)));
    }
}
