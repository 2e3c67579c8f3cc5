package dev.stagehand.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * stagehand(8) in troff, made from the picocli model, so every command and option in the page
 * is the one the binary has. Prose the model cannot hold (files, the kernel command line, exit
 * status, see also) comes from a hand-written part appended after the commands. Run at build
 * time (make man); not reachable from Main, so it is not in the native binary.
 *
 *   java -cp stagehand.jar dev.stagehand.cli.ManPage man/stagehand.8.extra > stagehand.8
 */
public final class ManPage {
    private ManPage() {}

    public static void main(String[] args) throws IOException {
        String extra = args.length > 0 ? Files.readString(Path.of(args[0])) : "";
        System.out.print(render(StagehandCommand.full().getCommandSpec(), extra));
    }

    public static String render(CommandSpec top, String extra) {
        List<CommandSpec> commands = new ArrayList<>();
        for (CommandSpec sub : visibleSubcommands(top)) addWithSubcommands(sub, commands);
        StringBuilder b = new StringBuilder();
        b.append(".\\\" generated from the picocli model by ManPage; do not edit\n");
        b.append(".TH STAGEHAND 8 \"\" \"stagehand ").append(Version.VERSION).append("\" \"stagehand\"\n");
        b.append(".SH NAME\nstagehand, stagehand\\-generator \\- ")
                .append(text(first(top.usageMessage().description())))
                .append('\n');
        b.append(".SH SYNOPSIS\n");
        for (CommandSpec c : commands) {
            if (!visibleSubcommands(c).isEmpty()) continue; // its subcommands have the lines
            String usage = usage(c);
            b.append(".B ")
                    .append(text(c.qualifiedName()))
                    .append('\n')
                    .append(usage.isEmpty() ? "" : usage + "\n")
                    .append(".br\n");
        }
        b.append(".B stagehand\\-generator\n.I NORMAL_DIR\n.RI [ EARLY_DIR\n.IR LATE_DIR ]\n");
        b.append(".SH DESCRIPTION\n");
        for (String d : top.usageMessage().description()) b.append(text(d)).append("\n.PP\n");
        b.append("Run under the name \\fBstagehand\\-generator\\fR (a link to the binary in a\n")
                .append("system\\-generators folder) it is a systemd generator, as \\fBstagehand generate\\fR.\n");
        b.append(".SH COMMANDS\n");
        for (CommandSpec c : commands) {
            b.append(".SS \"").append(text(c.qualifiedName())).append("\"\n");
            for (String d : c.usageMessage().description()) b.append(text(d)).append("\n.PP\n");
            for (PositionalParamSpec p : c.positionalParameters()) {
                if (p.hidden()) continue;
                b.append(".TP\n.I ")
                        .append(text(p.paramLabel()))
                        .append('\n')
                        .append(text(String.join(" ", p.description())))
                        .append('\n');
            }
            for (OptionSpec o : c.options()) {
                if (o.hidden()) continue;
                b.append(".TP\n").append(optionHead(o)).append('\n');
                b.append(text(String.join(" ", o.description())
                                .replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))))
                        .append('\n');
            }
        }
        b.append(extra);
        return b.toString();
    }

    /** The command and, after it, its subcommands (stagehand hook, stagehand hook run). */
    static void addWithSubcommands(CommandSpec c, List<CommandSpec> out) {
        out.add(c);
        for (CommandSpec sub : visibleSubcommands(c)) addWithSubcommands(sub, out);
    }

    /** The subcommands that are shown, each once (an alias is the same command). */
    static List<CommandSpec> visibleSubcommands(CommandSpec c) {
        return c.subcommands().values().stream()
                .map(CommandLine::getCommandSpec)
                .distinct()
                .filter(s -> !s.usageMessage().hidden())
                .toList();
    }

    /** [OPTIONS] and the positional parameters: optional ones in brackets, repeatable ones with "...". */
    private static String usage(CommandSpec c) {
        String[] custom = c.usageMessage().customSynopsis();
        if (custom.length > 0) {
            // "stagehand generate [-hV] NORMAL_DIR [EARLY_DIR LATE_DIR]": the words after the options
            String words =
                    custom[0].replaceFirst("^" + Pattern.quote(c.qualifiedName()) + "( \\[-[A-Za-z]+\\])?\\s*", "");
            StringBuilder u = new StringBuilder("[\\fIOPTIONS\\fR]");
            for (String w : words.split(" ")) {
                if (w.isEmpty()) continue;
                u.append(' ').append(w.startsWith("[") ? "[\\fI" + text(w.substring(1)) : "\\fI" + text(w));
                if (w.endsWith("]")) u.setLength(u.length() - 1);
                u.append("\\fR").append(w.endsWith("]") ? "]" : "");
            }
            return u.toString();
        }
        StringBuilder u = new StringBuilder();
        if (c.options().stream().anyMatch(o -> !o.hidden())) u.append("[\\fIOPTIONS\\fR]");
        for (PositionalParamSpec p : c.positionalParameters()) {
            if (p.hidden()) continue;
            String label = "\\fI" + text(p.paramLabel()) + "\\fR" + (p.isMultiValue() ? "..." : "");
            u.append(u.isEmpty() ? "" : " ").append(p.arity().min() == 0 ? "[" + label + "]" : label);
        }
        return u.toString();
    }

    private static String optionHead(OptionSpec o) {
        StringBuilder h = new StringBuilder();
        for (String n : o.names()) {
            if (h.length() > 0) h.append(", ");
            h.append("\\fB").append(text(n)).append("\\fR");
        }
        if (o.arity().max() > 0) h.append("=\\fI").append(text(o.paramLabel())).append("\\fR");
        if (o.negatable())
            h.append(" (or \\fB")
                    .append(text(o.longestName().replaceFirst("^--", "--no-")))
                    .append("\\fR)");
        return h.toString();
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }

    /** troff-safe text: backslashes and hyphens escaped, no line starting with a control character. */
    static String text(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        List<String> lines = t.lines()
                .map(l -> l.startsWith(".") || l.startsWith("'") ? "\\&" + l : l)
                .toList();
        return String.join("\n", lines);
    }
}
