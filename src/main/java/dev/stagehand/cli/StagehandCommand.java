package dev.stagehand.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: stagehand SUBCOMMAND. */
@Command(name = "stagehand",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "systemd generators and units for the initrd: find, unlock, assemble, activate and mount the root file system.",
        subcommands = {GenerateCommand.class, RootWaitCommand.class, LocateCommand.class, HookCommand.class, CheckCommand.class,
            ExplainCommand.class, RetryCommand.class, MdDegradedCommand.class, LvmActivateCommand.class, ImageCheckCommand.class,
            FetchCommand.class, FsckCommand.class, HelpCommand.class})
public final class StagehandCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required ("
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
