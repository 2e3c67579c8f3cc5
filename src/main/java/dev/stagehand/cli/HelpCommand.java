package dev.stagehand.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * stagehand help [COMMAND [SUBCOMMAND]]: the help of stagehand or of one command, also of a
 * command's own subcommand (stagehand help hook run), which picocli's built-in help command
 * cannot reach.
 */
@Command(
        name = "help",
        helpCommand = true,
        description =
                "Show the help of stagehand, or of one COMMAND (e.g. stagehand help explain, stagehand help hook run).")
public final class HelpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "a command, and a subcommand of it")
    List<String> path = new ArrayList<>();

    @Override
    public void run() {
        CommandLine c = spec.parent().commandLine();
        for (String p : path) {
            CommandLine sub = c.getSubcommands().get(p);
            if (sub == null || sub.getCommandSpec().usageMessage().hidden()) {
                // reported on the command that lacks it, so that the hint is its --help
                throw new ParameterException(c, UsageErrors.unknownCommand(c, p));
            }
            c = sub;
        }
        c.usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
    }
}
