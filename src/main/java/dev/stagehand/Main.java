package dev.stagehand;

import dev.stagehand.cli.GenerateCommand;
import dev.stagehand.cli.StagehandCommand;
import dev.stagehand.cli.UsageErrors;
import dev.stagehand.cli.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.graalvm.nativeimage.ImageInfo;
import org.graalvm.nativeimage.ProcessProperties;
import picocli.CommandLine;

/**
 * The one binary. Invoked as "stagehand-generator" (a link in system-generators/) it is a
 * systemd generator; as "stagehand" (or any other name) it takes subcommands. Messages carry
 * the name it was started under.
 */
public final class Main {
    public static final String GENERATOR_NAME = "stagehand-generator";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(programName(), args));
    }

    /** argv[0]: the native image has it; on the JVM a property stands in (for tests). */
    static String programName() {
        if (ImageInfo.inImageRuntimeCode()) return ProcessProperties.getArgumentVectorProgramName();
        return System.getProperty("stagehand.argv0", "stagehand");
    }

    /** What systemd passes a generator: one or three directories, nothing else. */
    private static boolean isGeneratorCall(List<String> args) {
        if (args.size() != 1 && args.size() != 3) return false;
        for (String a : args) {
            if (a.isEmpty() || a.startsWith("-")) return false;
        }
        return GenerateCommand.usageProblem(args) == null;
    }

    private static List<Path> paths(List<String> dirs) {
        List<Path> p = new ArrayList<>();
        for (String d : dirs) p.add(Path.of(d));
        return p;
    }

    public static int run(String argv0, String[] args) {
        String name = argv0.substring(argv0.lastIndexOf('/') + 1);
        boolean link = name.equals(GENERATOR_NAME);
        List<String> all = Arrays.asList(args);
        if (link && isGeneratorCall(all)) return GenerateCommand.run(paths(all), true, name);
        // `stagehand --version` (what scripts and packagers call) needs no command model either
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V")) && !link) {
            for (String line : new Version().getVersion()) System.out.println(line);
            return 0;
        }
        // `stagehand generate DIR [DIR DIR]` skips the parser too: building picocli's model of
        // every subcommand costs milliseconds that tests and benchmarks would otherwise measure
        if (!link && args.length > 0 && args[0].equals("generate") && isGeneratorCall(all.subList(1, args.length))) {
            return GenerateCommand.run(paths(all.subList(1, args.length)), false, name);
        }
        List<String> a = new ArrayList<>();
        if (link) {
            a.add("generate");
            a.add("--as-generator");
        }
        a.addAll(all);
        CommandLine one = a.isEmpty() ? null : StagehandCommand.only(a.get(0));
        CommandLine cl = one != null ? one : StagehandCommand.full();
        // the help and the hints name the binary as it was started (the link's help is generate's)
        if (!link) cl.setCommandName(name);
        cl.setParameterExceptionHandler(new UsageErrors(name, link));
        return cl.execute(a.toArray(String[]::new));
    }
}
