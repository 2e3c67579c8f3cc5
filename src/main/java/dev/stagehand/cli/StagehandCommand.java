package dev.stagehand.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top command: stagehand SUBCOMMAND. Its subcommands are added here rather than listed in
 * the annotation, so that a run of one subcommand (at boot: root-wait, hook, md-degraded, ...)
 * builds picocli's model of that one only: the reflective model of all of them was two thirds
 * of such a start (85 M instructions for `stagehand root-wait --help`; docs/benchmarks.md).
 */
@Command(
        name = "stagehand",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description =
                "systemd generators and units for the initrd: find, unlock, assemble, activate and mount the root file system.")
public final class StagehandCommand implements Runnable {
    /** Every subcommand, in the order help and the man page list them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            GenerateCommand.class,
            RootWaitCommand.class,
            LocateCommand.class,
            HookCommand.class,
            CheckCommand.class,
            ExplainCommand.class,
            RetryCommand.class,
            MdDegradedCommand.class,
            LvmActivateCommand.class,
            ImageCheckCommand.class,
            FetchCommand.class,
            FsckCommand.class,
            HelpCommand.class);

    @Spec
    CommandSpec spec;

    /** The whole model: stagehand and every subcommand. */
    public static CommandLine full() {
        CommandLine top = new CommandLine(new StagehandCommand());
        for (Class<?> c : SUBCOMMANDS) top.addSubcommand(c);
        return top;
    }

    /**
     * stagehand with the one subcommand {@code name}, or null when there is no such
     * subcommand or it needs the others (help lists them).
     */
    public static CommandLine only(String name) {
        for (Class<?> c : SUBCOMMANDS) {
            if (c == HelpCommand.class || !c.getAnnotation(Command.class).name().equals(name)) continue;
            CommandLine top = new CommandLine(new StagehandCommand());
            top.addSubcommand(c);
            return top;
        }
        return null;
    }

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "a command is required (" + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
