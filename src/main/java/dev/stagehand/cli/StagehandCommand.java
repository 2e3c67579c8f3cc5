package dev.stagehand.cli;

import picocli.CommandLine.Command;

/** The top command: stagehand SUBCOMMAND. */
@Command(name = "stagehand",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "systemd generators and units for the initrd: find, unlock, assemble, activate and mount the root file system.",
        subcommands = {GenerateCommand.class, RootWaitCommand.class, LocateCommand.class, HookCommand.class, CheckCommand.class,
            ExplainCommand.class, RetryCommand.class, MdDegradedCommand.class, LvmActivateCommand.class, ImageCheckCommand.class,
            FetchCommand.class, FsckCommand.class, HelpCommand.class})
public final class StagehandCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required ("
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
