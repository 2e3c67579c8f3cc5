package dev.stagehand.check;

import dev.stagehand.Generator;
import dev.stagehand.config.SettingKeys;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Latin1;
import dev.stagehand.systemd.Spelling;
import dev.stagehand.systemd.Words;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kernel command line words that cannot be what was meant: an rd.stagehand.* key no reader
 * takes (nothing reads a misspelt key, and nothing says so at boot), and a quote that is never
 * closed (the kernel and systemd then take everything up to the end of the line as that one
 * word's value: `rootflags="subvol=@ quiet` mounts with the options "subvol=@ quiet").
 */
final class CommandLineWords {
    static final String PREFIX = "rd.stagehand.";
    /** The keys are for the initrd; without "rd." nothing reads them. */
    private static final String BARE_PREFIX = "stagehand.";

    private final Log log;

    CommandLineWords(Log log) {
        this.log = log;
    }

    /** Every rd.stagehand.* key some reader declares. */
    static List<String> knownKeys() {
        List<String> out = new ArrayList<>();
        for (SettingKeys k : Generator.SETTINGS) out.addAll(k.commandLine());
        return out;
    }

    void keys(KernelCommandLine cmdline) {
        if (cmdline == null) return;
        List<String> known = knownKeys();
        Set<String> said = new HashSet<>();
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            String key = w.key();
            if (known.contains(key) || !said.add(key)) continue;
            Origin o = w.origin(w.value() == null ? key : key + "=");
            String suffix = w.value() == null ? "" : "=";
            if (key.startsWith(PREFIX)) {
                String guess = Spelling.didYouMean(key, known, suffix);
                log.warning(
                        o,
                        "unknown key " + key + ": no part of stagehand reads it (known: " + String.join(", ", known)
                                + ")",
                        guess != null ? guess : "see stagehand(8) for the rd.stagehand.* keys");
            } else if (key.startsWith(BARE_PREFIX) && known.contains("rd." + key)) {
                log.warning(
                        o,
                        key + " is not read: stagehand's keys are for the initrd and start with \"rd.\"",
                        "write rd." + key + suffix);
            } else if (misspeltPrefix(key)) {
                String guess = Spelling.didYouMean(key, known, suffix);
                log.warning(
                        o,
                        "unknown key " + key + ": stagehand's keys start with " + PREFIX,
                        guess != null ? guess : "see stagehand(8) for the rd.stagehand.* keys");
            }
        }
    }

    /** "rd.stagehnd.rootwait": the first two parts of the key are nearly, but not quite, "rd.stagehand". */
    private static boolean misspeltPrefix(String key) {
        int first = key.indexOf('.');
        int second = first < 0 ? -1 : key.indexOf('.', first + 1);
        if (second < 0) return false;
        String head = key.substring(0, second + 1);
        return !head.equals(PREFIX) && Spelling.distance(head, PREFIX) <= 2;
    }

    /**
     * The first word whose quote is never closed, split as the kernel command line is (quotes
     * group, backslashes are kept) but without systemd's tolerance of an open quote.
     */
    void quotes(String text) {
        if (text == null) return;
        String s = Latin1.cString(text);
        Words words = new Words(s, null, Words.UNQUOTE | Words.RETAIN_ESCAPE);
        for (; ; ) {
            String before = words.rest();
            try {
                if (words.next() == null) return;
            } catch (Words.BadWordException e) {
                String word = before.strip();
                int quote = firstQuote(word);
                if (quote < 0) return; // a trailing backslash: kept as it is, no harm
                int eq = word.indexOf('=');
                char q = word.charAt(quote);
                if (eq >= 0 && eq < quote) {
                    String key = word.substring(0, eq + 1);
                    log.error(
                            Origin.cmdline(key),
                            "the " + q + " in " + key + " is never closed, so its value runs to the end of the "
                                    + "command line: " + shorten(word.substring(eq + 1)),
                            "close the quote where the value ends, e.g. " + word.substring(0, quote + 1)
                                    + firstWord(word.substring(quote + 1)) + q);
                } else {
                    log.error(
                            Origin.cmdline(shorten(firstWord(word))),
                            "the " + q + " in " + shorten(word) + " is never closed, so everything up to "
                                    + "the end of the command line is one word",
                            "close the quote where the word ends");
                }
                return;
            }
        }
    }

    private static int firstQuote(String w) {
        for (int i = 0; i < w.length(); i++) if (w.charAt(i) == '"' || w.charAt(i) == '\'') return i;
        return -1;
    }

    private static String firstWord(String s) {
        int i = 0;
        while (i < s.length() && Words.WHITESPACE.indexOf(s.charAt(i)) < 0) i++;
        return s.substring(0, i);
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
