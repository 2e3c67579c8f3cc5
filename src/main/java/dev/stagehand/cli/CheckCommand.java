package dev.stagehand.cli;

import dev.stagehand.Generator;
import dev.stagehand.check.Checks;
import dev.stagehand.check.Report;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** stagehand check: the generator's inputs validated offline; exit 0 clean, 1 errors, 2 usage. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Check the inputs of the generator (kernel command line, fstab, /sysroot/etc/fstab, crypttab, stagehand.conf)",
            "without writing anything: every problem with its file:line or command line key, and risky settings.",
            "Exit status: 0 no errors (warnings allowed unless --strict), 1 errors, 2 usage (also a --root, --fstab,",
            "--sysroot-fstab, --crypttab or STAGEHAND_ROOT that does not exist)."
        })
public final class CheckCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Mixin
    InputOptions inputs;

    @Option(names = "--strict", description = "warnings fail too (exit 1)")
    boolean strict;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description =
                    "text or json (an object with version, errors, warnings and findings) (default ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // a file that is not there would be read as empty, and check would pass what it never saw
        String missing = inputs.missingInput();
        if (missing != null) throw new CommandLine.ParameterException(spec.commandLine(), missing);
        Environment env = inputs.environment();
        Log log = Log.silent();
        Generator.Analysis a = new Generator(env, log).analyze();
        Checks.run(a, env, log);
        Report r = new Report(log.messages(), strict);
        String note = env.inInitrd() ? null : "read as outside the initrd; --initrd to check as the initrd sees it";
        System.out.print(format == Format.json ? r.json(note) : r.text(note));
        System.out.flush();
        return r.exitStatus();
    }
}
