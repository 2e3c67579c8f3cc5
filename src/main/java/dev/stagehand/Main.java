package dev.stagehand;

import dev.stagehand.cli.GenerateCommand;
import dev.stagehand.cli.StagehandCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.graalvm.nativeimage.ImageInfo;
import org.graalvm.nativeimage.ProcessProperties;
import picocli.CommandLine;

/**
 * The one binary. Invoked as "stagehand-generator" (a link in system-generators/) it is a
 * systemd generator; as "stagehand" it takes subcommands.
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
    private static boolean isGeneratorCall(String[] args) {
        if (args.length != 1 && args.length != 3) return false;
        for (String a : args) {
            if (a.isEmpty() || a.startsWith("-")) return false;
        }
        return true;
    }

    public static int run(String argv0, String[] args) {
        String base = argv0.substring(argv0.lastIndexOf('/') + 1);
        List<String> a = new ArrayList<>();
        if (base.equals(GENERATOR_NAME) && isGeneratorCall(args)) {
            List<Path> dirs = new ArrayList<>();
            for (String d : args) dirs.add(Path.of(d));
            return GenerateCommand.run(dirs, true);
        }
        // `stagehand --version` (what scripts and packagers call) needs no command model either
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V")) && !base.equals(GENERATOR_NAME)) {
            for (String line : new dev.stagehand.cli.Version().getVersion()) System.out.println(line);
            return 0;
        }
        // `stagehand generate DIR [DIR DIR]` skips the parser too: building picocli's model of
        // every subcommand costs milliseconds that tests and benchmarks would otherwise measure
        if (args.length > 0 && args[0].equals("generate") && isGeneratorCall(Arrays.copyOfRange(args, 1, args.length))) {
            List<Path> dirs = new ArrayList<>();
            for (int i = 1; i < args.length; i++) dirs.add(Path.of(args[i]));
            return GenerateCommand.run(dirs, false);
        }
        if (base.equals(GENERATOR_NAME)) {
            a.add("generate");
            a.add("--as-generator");
        }
        a.addAll(Arrays.asList(args));
        return new CommandLine(new StagehandCommand()).execute(a.toArray(String[]::new));
    }
}
