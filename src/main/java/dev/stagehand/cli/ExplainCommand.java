package dev.stagehand.cli;

import dev.stagehand.Generator;
import dev.stagehand.explain.Explanation;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.write.TreeWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** stagehand explain: the storage graph and the units the generator would write, with origins. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Show the storage graph and the units the generator would write, each with the input it came from",
            "(file:line or the kernel command line key). Writes nothing."
        })
public final class ExplainCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        dot
    }

    @Mixin
    InputOptions inputs;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, json or dot (Graphviz; e.g. | dot -Tsvg) (default ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        Environment env = inputs.environment();
        Log log = Log.silent();
        Explanation e = new Explanation(new Generator(env, log).analyze(), log.messages(), Explanation.hostNote(env));
        System.out.print(
                switch (format) {
                    case text -> e.text();
                    case json -> e.json(new TreeWriter(Generator.NAME, log));
                    case dot -> e.dot();
                });
        System.out.flush();
        return 0;
    }
}
