package dev.stagehand.check;

import dev.stagehand.Generator;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import java.io.IOException;

/**
 * What `stagehand check` says on top of the generator's own messages: input that is read
 * without complaint but cannot be what was meant (misspelt names, an open quote, files that
 * are not there, a device under two names, settings for arrays that do not exist) and risky
 * settings. Never run by the generator: some of it (files below the root) only holds offline.
 */
public final class Checks {
    private Checks() {}

    public static void run(Generator.Analysis a, Environment env, Log log) {
        CommandLineWords words = new CommandLineWords(log);
        try {
            words.quotes(env.kernelCommandLine());
        } catch (IOException e) {
            // the generator has said it cannot read it
        }
        words.keys(a.cmdline());
        new OptionNames(log).check(env, a.cmdline(), a.graph());
        CryptChecks crypt = new CryptChecks(log);
        crypt.files(a.graph(), env.root());
        crypt.names(a.graph());
        new StackSettings(log).check(a.graph(), a.config(), a.cmdline());
        RiskChecks.run(a.graph(), a.cmdline(), env, log);
    }
}
