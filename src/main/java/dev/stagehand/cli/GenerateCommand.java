package dev.stagehand.cli;

import dev.stagehand.Generator;
import dev.stagehand.input.Environment;
import dev.stagehand.input.ProcessEnvironment;
import dev.stagehand.log.Level;
import dev.stagehand.log.Log;
import dev.stagehand.log.Pid;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** stagehand generate NORMAL [EARLY LATE]: the systemd generator (systemd.generator(7)). */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        // the arity is checked in call(), so that an unknown option is named before a missing DIR
        customSynopsis = "${COMMAND-FULL-NAME} [-hV] NORMAL_DIR [EARLY_DIR LATE_DIR]",
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

    @Parameters(
            arity = "0..*",
            paramLabel = "DIR",
            description =
                    "NORMAL_DIR [EARLY_DIR LATE_DIR], as systemd passes them; " + "a DIR that does not exist is made")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--as-generator", hidden = true, description = "invoked through the generator link")
    boolean asGenerator;

    @Override
    public Integer call() {
        String problem = usageProblem(dirs);
        // through the generator link too: UsageErrors then says so and exits 0
        if (problem != null) throw new ParameterException(spec.commandLine(), problem);
        // messages carry the name the binary was started under (the link's is stagehand-generator)
        return run(
                dirs.stream().map(Path::of).toList(),
                asGenerator,
                asGenerator ? Generator.NAME : spec.root().name());
    }

    private static final String[] COUNTS = {"none", "one", "two", "three"};

    /**
     * What is wrong with these arguments of `stagehand generate`, or null: systemd passes one or
     * three directories. A path that does not exist is made (tests name fresh folders); one
     * that exists and is no directory is a mistake (a file given for the output folder).
     */
    public static String usageProblem(List<String> dirs) {
        if (dirs.size() != 1 && dirs.size() != 3) {
            return "expected one or three directories (NORMAL_DIR [EARLY_DIR LATE_DIR]), got "
                    + (dirs.size() < COUNTS.length ? COUNTS[dirs.size()] : Integer.toString(dirs.size()));
        }
        for (String d : dirs) {
            if (d.isEmpty()) return "a directory name is empty";
            try {
                Path p = Path.of(d);
                if (Files.exists(p) && !Files.isDirectory(p)) return d + " is not a directory";
            } catch (InvalidPathException e) {
                return d + " is not a path (" + e.getReason() + ")";
            }
        }
        return null;
    }

    /**
     * The generator proper, also called directly (without the command line parser) when the
     * binary runs as stagehand-generator with the arguments systemd passes: that is every
     * boot and every daemon-reload, so it should start as fast as it can.
     */
    public static int run(List<Path> dirs, boolean asGenerator, String ident) {
        Log log = null;
        try {
            Environment env = new Environment(ProcessEnvironment.read());
            log = openLog(env, asGenerator, ident);
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
            if (log == null) log = Log.toKmsg(ident, Level.INFO);
            log.error(null, "internal error: " + t);
        }
        return 0;
    }

    /**
     * kmsg when systemd runs us: $SYSTEMD_EXEC_PID names us (systemd 253 and later), or we run
     * as the generator link (systemd 252 sets no such variable for generators and drops their
     * stderr, and the journal may not be up yet). Else stderr.
     */
    private static Log openLog(Environment env, boolean asGenerator, String ident) {
        Level level = Level.parse(env.get("SYSTEMD_LOG_LEVEL"));
        if (level == null) level = Level.INFO;
        String execPid = env.get("SYSTEMD_EXEC_PID");
        boolean bySystemd =
                asGenerator || execPid != null && (execPid.equals("*") || execPid.equals(Long.toString(Pid.current())));
        return bySystemd ? Log.toKmsg(ident, level) : Log.toStderr(ident, level);
    }
}
