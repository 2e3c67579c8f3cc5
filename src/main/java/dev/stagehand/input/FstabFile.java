package dev.stagehand.input;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads fstab(5) text as glibc's getmntent() does: blank and "#" lines skipped, fields split
 * on spaces and tabs, \040 \011 \012 \134 and \\ decoded, freq and passno read with
 * sscanf(" %d %d "). Where getmntent silently mangles input (an over-long line is cut, a
 * NUL byte swallows the next line), the line is reported and skipped instead.
 */
public final class FstabFile {
    /** getmntent()'s buffer: a line has at most 4095 bytes before the newline. */
    static final int MAX_LINE = 4095;

    /** One fstab line, decoded. */
    public record Entry(Origin origin, String what, String where, String type, String options, int freq, int passno) {}

    private FstabFile() {}

    public static List<Entry> parse(String text, String shownAs, Log log) {
        List<Entry> out = new ArrayList<>();
        int freq = 0, passno = 0; // getmntent keeps these from the previous entry in one case
        int lineNo = 0;
        int pos = 0;
        while (pos < text.length()) {
            lineNo++;
            int nl = text.indexOf('\n', pos);
            boolean hasNewline = nl >= 0;
            String line = text.substring(pos, hasNewline ? nl : text.length());
            pos = hasNewline ? nl + 1 : text.length();
            Origin origin = Origin.fileLine(shownAs, lineNo);

            if (line.indexOf('\0') >= 0) {
                log.error(origin, "line contains a NUL byte; expected text; line ignored");
                continue;
            }
            if (line.length() > MAX_LINE) {
                log.error(
                        origin,
                        "line is " + line.length() + " bytes long, more than the " + MAX_LINE
                                + " an fstab line may have; line ignored");
                continue;
            }
            if (hasNewline) {
                int end = line.length();
                while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) end--;
                line = line.substring(0, end);
            }
            int head = skipBlanks(line, 0);
            if (head >= line.length() || line.charAt(head) == '#') continue;

            Cursor c = new Cursor(line, head);
            String what = c.field();
            String where = c.field();
            String type = c.field();
            String opts = c.field();
            if (c.rest != null) {
                int[] fields = scanTwoInts(c.rest);
                numbers(c.rest, fields[0], origin, log);
                if (fields[0] >= 1) freq = fields[1];
                if (fields[0] == 0) freq = 0;
                if (fields[0] >= 2) passno = fields[2];
                if (fields[0] == 0 || fields[0] == 1) passno = 0;
                // fields[0] < 0 (nothing but blanks): glibc leaves both as they were
            } else {
                freq = 0;
                passno = 0;
            }
            if (type.equals("autofs") && hasMntOpt(opts, "ignore")) continue; // glibc skips these
            if (where.isEmpty()) {
                log.error(
                        origin,
                        "expected \"WHAT WHERE TYPE OPTIONS [FREQ [PASSNO]]\", found only one field; line ignored");
                continue;
            }
            out.add(new Entry(origin, what, where, type, opts, freq, passno));
        }
        return out;
    }

    /**
     * After the options glibc reads two numbers and ignores the rest: a blank inside a field
     * (written as is, not \\040) shifts every field after it, and a word where a number goes
     * silently makes FREQ and PASSNO 0 (no fsck). The line is used as glibc reads it.
     */
    private static void numbers(String rest, int converted, Origin origin, Log log) {
        List<String> words = CrypttabFile.fields(rest, Integer.MAX_VALUE);
        if (words.isEmpty() || (words.size() <= 2 && converted == words.size())) return;
        if (words.size() > 2) {
            log.warning(
                    origin,
                    "expected at most six fields (WHAT WHERE TYPE OPTIONS FREQ PASSNO), found " + (4 + words.size())
                            + "; a blank inside a field splits it in two",
                    "write a blank inside a field as \\040, e.g. /mnt/my\\040disk");
        } else {
            log.warning(
                    origin,
                    "expected the numbers FREQ and PASSNO after the options, found \"" + String.join(" ", words)
                            + "\"; glibc reads " + (converted <= 0 ? "both as 0" : "PASSNO as 0")
                            + " (no file system check)",
                    "write numbers, e.g. 0 2");
        }
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }

    /** strsep(&head, " \t") then skipping blanks, with decode_name() on each field. */
    private static final class Cursor {
        private final String line;
        String rest;

        Cursor(String line, int head) {
            this.line = line;
            this.rest = line.substring(head);
        }

        String field() {
            if (rest == null) return "";
            int sep = -1;
            for (int i = 0; i < rest.length(); i++) {
                char ch = rest.charAt(i);
                if (ch == ' ' || ch == '\t') {
                    sep = i;
                    break;
                }
            }
            String f;
            if (sep < 0) {
                f = rest;
                rest = null;
            } else {
                f = rest.substring(0, sep);
                rest = rest.substring(skipBlanks(rest, sep + 1));
            }
            return decode(f);
        }

        @Override
        public String toString() {
            return line;
        }
    }

    /** glibc's decode_name(). */
    static String decode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                if (s.startsWith("\\040", i)) {
                    b.append(' ');
                    i += 3;
                    continue;
                }
                if (s.startsWith("\\011", i)) {
                    b.append('\t');
                    i += 3;
                    continue;
                }
                if (s.startsWith("\\012", i)) {
                    b.append('\n');
                    i += 3;
                    continue;
                }
                if (s.startsWith("\\\\", i)) {
                    b.append('\\');
                    i += 1;
                    continue;
                }
                if (s.startsWith("\\134", i)) {
                    b.append('\\');
                    i += 3;
                    continue;
                }
            }
            b.append(s.charAt(i));
        }
        return b.toString();
    }

    /** sscanf(s, " %d %d "): {count or -1 for EOF, first, second}. */
    static int[] scanTwoInts(String s) {
        int[] out = {0, 0, 0};
        int i = 0;
        for (int n = 1; n <= 2; n++) {
            while (i < s.length() && isSpace(s.charAt(i))) i++;
            if (i >= s.length()) {
                if (n == 1) out[0] = -1;
                return out;
            }
            int start = i;
            if (s.charAt(i) == '+' || s.charAt(i) == '-') i++;
            int digits = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            if (i == digits) return out;
            out[n] = toInt(s.substring(start, i));
            out[0] = n;
        }
        return out;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** %d converts with strtol and stores into an int: saturate to long, then truncate. */
    private static int toInt(String s) {
        long v;
        try {
            v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            v = s.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return (int) v;
    }

    /** glibc's hasmntopt(). */
    static boolean hasMntOpt(String opts, String opt) {
        int from = 0;
        for (; ; ) {
            int p = opts.indexOf(opt, from);
            if (p < 0) return false;
            int after = p + opt.length();
            char next = after < opts.length() ? opts.charAt(after) : 0;
            if ((p == from || opts.charAt(p - 1) == ',') && (next == 0 || next == '=' || next == ',')) return true;
            int comma = opts.indexOf(',', p);
            if (comma < 0) return false;
            from = comma + 1;
        }
    }
}
