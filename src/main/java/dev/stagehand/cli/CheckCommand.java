package dev.stagehand.cli;

import dev.stagehand.Generator;
import dev.stagehand.check.RiskChecks;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Level;
import dev.stagehand.log.Log;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** stagehand check: the generator's inputs validated offline; exit 0 clean, 1 errors, 2 usage. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Check the inputs of the generator (kernel command line, fstab, /sysroot/etc/fstab, crypttab, stagehand.conf)",
            "without writing anything: every problem with its file:line or command line key, and risky settings.",
            "Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage."
        })
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    InputOptions inputs;

    @Override
    public Integer call() {
        Environment env = inputs.environment();
        Log log = Log.silent();
        Generator.Analysis a = new Generator(env, log).analyze();
        RiskChecks.run(a.graph(), a.rootWait(), env, log);
        int errors = 0, warnings = 0;
        for (Diagnostic d : log.messages()) {
            if (d.level().priority > Level.NOTICE.priority) continue;
            String level = switch (d.level()) {
                case ERR -> "error";
                case WARNING -> "warning";
                default -> "notice";
            };
            if (d.level() == Level.ERR) errors++;
            if (d.level() == Level.WARNING) warnings++;
            System.out.println(level + ": " + d);
        }
        System.out.println("stagehand check: " + errors + " error(s), " + warnings + " warning(s)"
                + (env.inInitrd() ? "" : " (read as outside the initrd; --initrd to check as the initrd sees it)"));
        return errors > 0 ? 1 : 0;
    }
}
