package dev.stagehand.hooks;

import java.util.ArrayList;
import java.util.List;

/**
 * The PREREQ="..." line of an initramfs-tools script, read without running the script.
 *
 * initramfs-tools learns a script's prerequisites by running it: hook-functions'
 * get_prereq_pairs calls {@code SCRIPT prereqs} and splits what it prints into words. Every
 * script follows the template of initramfs-tools(7):
 * <pre>
 * PREREQ="udev"
 * prereqs() { echo "$PREREQ"; }
 * case $1 in prereqs) prereqs; exit 0;; esac
 * </pre>
 * so the words are the value of that assignment. The generator runs at every boot and
 * daemon-reload and must neither run input nor block, so it reads the assignment: a line
 * that starts (after blanks) with PREREQ=, whose value is a double- or single-quoted string
 * or a bare word, followed by nothing but blanks, a ";" or a # comment. The words must be
 * script names (letters, digits, ".", "_", "-"). Anything a shell would have to evaluate ($,
 * backquotes, backslashes, a value that goes on past its line) is not guessed at: the script
 * is reported and skipped. A script without a PREREQ= line has no prerequisites; one with
 * two different assignments is reported and skipped (which one counts depends on running it).
 */
public final class Prereqs {
    private Prereqs() {}

    /** The words and the line they are on (0 when there is no PREREQ= line). */
    public record Found(List<String> names, int line) {}

    /** Why a script's PREREQ cannot be read, and where. */
    public static final class BadPrereq extends Exception {
        public final int line;

        BadPrereq(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    public static Found parse(String text) throws BadPrereq {
        if (text.indexOf('\0') >= 0) {
            int line = 1;
            for (int i = 0; i < text.indexOf('\0'); i++) if (text.charAt(i) == '\n') line++;
            throw new BadPrereq(
                    line, "contains a NUL byte: not a shell script, so its PREREQ cannot be read without running it");
        }
        String[] lines = text.split("\n", -1);
        Found found = null;
        String foundValue = null;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int s = 0;
            while (s < l.length() && (l.charAt(s) == ' ' || l.charAt(s) == '\t')) s++;
            if (!l.startsWith("PREREQ=", s)) continue;
            int lineNo = i + 1;
            String value = value(l.substring(s + "PREREQ=".length()), lineNo);
            if (found != null && !value.equals(foundValue)) {
                throw new BadPrereq(
                        lineNo,
                        "PREREQ is assigned twice (lines " + found.line() + " and " + lineNo
                                + ") with different values; which one counts depends on running the script");
            }
            if (found == null) {
                found = new Found(words(value, lineNo), lineNo);
                foundValue = value;
            }
        }
        return found == null ? new Found(List.of(), 0) : found;
    }

    /** The assigned text without its quotes; refuses what a shell would have to evaluate. */
    private static String value(String rest, int line) throws BadPrereq {
        String value;
        int end;
        if (rest.startsWith("\"") || rest.startsWith("'")) {
            char q = rest.charAt(0);
            int close = rest.indexOf(q, 1);
            if (close < 0) {
                throw new BadPrereq(line, "the PREREQ value does not end on its line (expected PREREQ=\"name ...\")");
            }
            value = rest.substring(1, close);
            end = close + 1;
            if (q == '"') {
                for (char c : new char[] {'$', '`', '\\'}) {
                    if (value.indexOf(c) >= 0) {
                        throw new BadPrereq(
                                line,
                                "the PREREQ value has a '" + c
                                        + "', which only running the script could expand (expected PREREQ=\"name ...\")");
                    }
                }
            }
        } else {
            end = 0;
            while (end < rest.length() && " \t;#".indexOf(rest.charAt(end)) < 0) end++;
            value = rest.substring(0, end);
        }
        String after = rest.substring(end).strip();
        if (!after.isEmpty() && !after.startsWith("#") && !after.startsWith(";")) {
            throw new BadPrereq(
                    line,
                    "unexpected text after the PREREQ value: \"" + after
                            + "\" (expected PREREQ=\"name ...\" alone on its line)");
        }
        return value;
    }

    private static List<String> words(String value, int line) throws BadPrereq {
        List<String> out = new ArrayList<>();
        for (String w : value.split("[ \t]+")) {
            if (w.isEmpty()) continue;
            if (!HookScripts.isScriptName(w)) {
                throw new BadPrereq(
                        line,
                        "PREREQ names \"" + w + "\", which is not a script name (letters, digits, '.', '_', '-')");
            }
            out.add(w);
        }
        return out;
    }
}
