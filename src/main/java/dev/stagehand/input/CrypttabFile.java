package dev.stagehand.input;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * crypttab(5) as systemd-cryptsetup-generator reads it: lines end at \n, \r or NUL (and their
 * pairs, as systemd's read_line()), are stripped, "#" lines and empty ones skipped, and the
 * fields are the first four runs of non-blanks (sscanf "%ms %ms %ms %ms"): NAME DEVICE
 * [KEYSPEC [OPTIONS]].
 */
public final class CrypttabFile {
    /** systemd's LONG_LINE_MAX: a longer line is reported and skipped (systemd stops reading). */
    static final int MAX_LINE = 1024 * 1024;

    /** One crypttab line; keySpec and options are null when the line has no such field. */
    public record Entry(Origin origin, String name, String device, String keySpec, String options) {}

    private CrypttabFile() {}

    public static List<Entry> parse(String text, String shownAs, Log log) {
        List<Entry> out = new ArrayList<>();
        int lineNo = 0;
        for (String raw : lines(text)) {
            lineNo++;
            Origin origin = Origin.fileLine(shownAs, lineNo);
            if (raw.length() > MAX_LINE) {
                log.error(origin, "line is longer than " + MAX_LINE + " bytes; line ignored");
                continue;
            }
            String line = strip(raw);
            if (line.isEmpty() || line.charAt(0) == '#') continue;
            List<String> f = fields(line, 4);
            if (f.size() < 2) {
                log.error(origin, "expected \"NAME DEVICE [KEYFILE [OPTIONS]]\", found one field; line ignored");
                continue;
            }
            out.add(new Entry(origin, f.get(0), f.get(1), f.size() > 2 ? f.get(2) : null, f.size() > 3 ? f.get(3) : null));
        }
        return out;
    }

    /** read_line()'s line ends: \n, \r, NUL, and the pairs \r\n, \n\r, each optionally followed by NUL. */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int i = 0, n = s.length();
        while (i < n) {
            StringBuilder b = new StringBuilder();
            int seen = 0; // bits: 1 NUL, 2 \n, 4 \r
            for (; i < n; i++) {
                char c = s.charAt(i);
                int eol = c == '\n' ? 2 : c == '\r' ? 4 : c == 0 ? 1 : 0;
                if ((seen & 1) != 0 || (eol == 0 && seen != 0) || (eol != 0 && (seen & eol) != 0)) break;
                if (eol != 0) {
                    seen |= eol;
                    continue;
                }
                b.append(c);
            }
            out.add(b.toString());
        }
        return out;
    }

    private static boolean isStripSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** strstrip(): systemd's WHITESPACE at both ends. */
    static String strip(String s) {
        int a = 0, b = s.length();
        while (a < b && isStripSpace(s.charAt(a))) a++;
        while (b > a && isStripSpace(s.charAt(b - 1))) b--;
        return s.substring(a, b);
    }

    /** sscanf's %s: runs of characters that are not isspace(). */
    static List<String> fields(String s, int max) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (out.size() < max) {
            while (i < s.length() && isSpace(s.charAt(i))) i++;
            if (i >= s.length()) break;
            int start = i;
            while (i < s.length() && !isSpace(s.charAt(i))) i++;
            out.add(s.substring(start, i));
        }
        return out;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 11 || c == '\f' || c == '\r';
    }
}
