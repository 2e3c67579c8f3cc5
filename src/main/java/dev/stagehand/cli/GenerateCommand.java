package dev.stagehand.cli;

import dev.stagehand.Generator;
import dev.stagehand.input.Environment;
import dev.stagehand.input.ProcessEnvironment;
import dev.stagehand.log.Level;
import dev.stagehand.log.Log;
import dev.stagehand.log.Pid;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** stagehand generate NORMAL [EARLY LATE]: the systemd generator (systemd.generator(7)). */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Write the units that find, unlock, assemble and mount the root file system into NORMAL_DIR.",
            "Inputs: the kernel command line with the overrides of `stagehand retry`, /etc/fstab, /sysroot/etc/fstab, "
                    + "/etc/crypttab and stagehand.conf (and $STAGEHAND_ROOT as \"/\" for tests).",
            "Always exits 0 once the arguments are right: a bad input line is reported and skipped."
        })
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..3", paramLabel = "DIR", description = "NORMAL_DIR [EARLY_DIR LATE_DIR], as systemd passes them")
    List<Path> dirs;

    @Option(names = "--as-generator", hidden = true, description = "invoked through the generator link")
    boolean asGenerator;

    @Override
    public Integer call() {
        if (dirs.size() == 2) {
            throw new ParameterException(spec.commandLine(), "expected one or three directories, got two");
        }
        return run(dirs, asGenerator);
    }

    /**
     * The generator proper, also called directly (without the command line parser) when the
     * binary runs as stagehand-generator with the arguments systemd passes: that is every
     * boot and every daemon-reload, so it should start as fast as it can.
     */
    public static int run(List<Path> dirs, boolean asGenerator) {
        Log log = null;
        try {
            Environment env = new Environment(ProcessEnvironment.read());
            log = openLog(env, asGenerator);
            if (asGenerator && !env.inInitrd()) {
                log.debug(null, "not in the initrd: nothing to do (systemd's own generators run on the host)");
                return 0;
            }
            Path normal = dirs.get(0);
            Path early = dirs.size() == 3 ? dirs.get(1) : normal;
            Path late = dirs.size() == 3 ? dirs.get(2) : normal;
            new Generator(env, log).run(normal, early, late);
        } catch (Throwable t) {
            // a generator that fails makes systemd say so and nothing else: say what it was
            if (log == null) log = Log.toKmsg("stagehand-generator", Level.INFO);
            log.error(null, "internal error: " + t);
        }
        return 0;
    }

    /**
     * kmsg when systemd runs us: $SYSTEMD_EXEC_PID names us (systemd 253 and later), or we run
     * as the generator link (systemd 252 sets no such variable for generators and drops their
     * stderr, and the journal may not be up yet). Else stderr.
     */
    private static Log openLog(Environment env, boolean asGenerator) {
        Level level = Level.parse(env.get("SYSTEMD_LOG_LEVEL"));
        if (level == null) level = Level.INFO;
        String execPid = env.get("SYSTEMD_EXEC_PID");
        boolean bySystemd = asGenerator
                || execPid != null && (execPid.equals("*") || execPid.equals(Long.toString(Pid.current())));
        return bySystemd ? Log.toKmsg("stagehand-generator", level) : Log.toStderr("stagehand-generator", level);
    }
}
