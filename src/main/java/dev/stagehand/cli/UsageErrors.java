package dev.stagehand.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error as one line and a hint, not the whole help:
 * "stagehand: unknown option --frmat (did you mean --format?); see stagehand explain --help".
 * Exit 2, as systemd's tools; through the generator link exit 0 (a generator that fails only
 * makes systemd say so, and a boot must never hinge on the arguments it was given).
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    public static final int EXIT_USAGE = 2;

    private final String name;
    private final boolean generatorLink;

    /**
     * @param name          the name the binary was started under (the messages' prefix)
     * @param generatorLink started as the generator link: report, but exit 0
     */
    public UsageErrors(String name, boolean generatorLink) {
        this.name = name;
        this.generatorLink = generatorLink;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println(name + ": " + message(ex) + "; see " + hint(ex.getCommandLine()) + " --help");
        err.flush();
        return generatorLink ? 0 : EXIT_USAGE;
    }

    /** The command whose help answers it: the one that failed (help's errors: stagehand's own). */
    private String hint(CommandLine failed) {
        if (generatorLink) return name;
        CommandLine c =
                failed.getCommandSpec().helpCommand() && failed.getParent() != null ? failed.getParent() : failed;
        return c.getCommandSpec().qualifiedName();
    }

    static String message(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            CommandLine c = u.getCommandLine();
            if (u.isUnknownOption()) {
                int eq = first.indexOf('=');
                String option = eq > 0 ? first.substring(0, eq) : first;
                List<String> names = new ArrayList<>();
                for (OptionSpec o : c.getCommandSpec().options()) if (!o.hidden()) names.addAll(List.of(o.names()));
                return "unknown option " + option + didYouMean(option, names);
            }
            if (!c.getSubcommands().isEmpty()
                    && c.getCommandSpec().positionalParameters().isEmpty()) {
                return unknownCommand(c, first);
            }
            return "unexpected argument " + first;
        }
        if (ex instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec a = m.getMissing().get(0);
            if (a instanceof OptionSpec o) return o.longestName() + " needs a value (" + o.paramLabel() + ")";
            if (a instanceof PositionalParamSpec p) return p.paramLabel() + " is missing";
        }
        String s = ex.getMessage() == null ? "usage error" : ex.getMessage().strip();
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        return s.isEmpty() ? "usage error" : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    /** "unknown command NAME", with the commands of {@code parent} that are one or two typos away. */
    static String unknownCommand(CommandLine parent, String name) {
        List<String> names = new ArrayList<>();
        parent.getSubcommands().forEach((n, s) -> {
            if (!s.getCommandSpec().usageMessage().hidden()) names.add(n);
        });
        return "unknown command " + name + didYouMean(name, names);
    }

    /**
     * " (did you mean X?)" for the candidates at most two edits away (and fewer than the word
     * is long), else "". picocli's own suggestions are too loose ("frob": rootwait).
     */
    static String didYouMean(String word, List<String> candidates) {
        List<String> close = new ArrayList<>();
        for (String c : candidates) {
            int d = distance(word, c);
            if (d <= 2 && d < word.replaceFirst("^-+", "").length() && !close.contains(c)) close.add(c);
        }
        return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
    }

    /** Levenshtein distance with transpositions (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
