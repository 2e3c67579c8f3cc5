package dev.stagehand.input;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.Paths;
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
            List<String> f = fields(line, Integer.MAX_VALUE);
            if (f.size() < 2) {
                log.error(
                        origin,
                        "expected \"NAME DEVICE [KEYFILE [OPTIONS]]\", found one field; line ignored",
                        "add the device as the second column (NAME DEVICE, e.g. cryptdata UUID=...)");
                continue;
            }
            columns(f, origin, log);
            if (f.size() > 4) f = f.subList(0, 4);
            out.add(new Entry(
                    origin, f.get(0), f.get(1), f.size() > 2 ? f.get(2) : null, f.size() > 3 ? f.get(3) : null));
        }
        return out;
    }

    /** Words that a crypttab option list (the fourth column) typically holds, not a key file. */
    private static final List<String> OPTION_WORDS = List.of(
            "luks",
            "plain",
            "tcrypt",
            "bitlk",
            "discard",
            "swap",
            "tmp",
            "noauto",
            "nofail",
            "readonly",
            "read-only",
            "_netdev",
            "headless",
            "x-initrd.attach");

    /**
     * Columns that are there but say something else than was meant. systemd reads the line all
     * the same (sscanf takes four fields and drops the rest; a key file that is not an absolute
     * path is ignored by systemd-cryptsetup), so these are warnings and the line is used.
     */
    private static void columns(List<String> f, Origin origin, Log log) {
        String name = f.get(0);
        if (name.startsWith("UUID=")
                || name.startsWith("PARTUUID=")
                || name.startsWith("LABEL=")
                || name.startsWith("/dev/")) {
            log.warning(
                    origin,
                    "the first column is the volume's name, but \"" + name
                            + "\" is a device: the name column is missing",
                    "put a name first, e.g. " + (name.startsWith("UUID=") ? "luks-" + name.substring(5) : "cryptdata")
                            + " " + String.join(" ", f));
            return; // the other columns are shifted by one: what they hold says nothing more
        }
        if (f.size() > 4 && f.get(4).startsWith("#")) {
            log.warning(
                    origin,
                    "systemd reads no comment at the end of a crypttab line; it ignores \""
                            + String.join(" ", f.subList(4, f.size()))
                            + "\" only because a line has at most four columns",
                    "put the comment on a line of its own");
        } else if (f.size() > 4) {
            List<String> opts = new ArrayList<>();
            for (String w : f.subList(3, f.size())) {
                for (String o : w.split(",")) if (!o.isEmpty()) opts.add(o);
            }
            log.warning(
                    origin,
                    "expected at most four columns (NAME DEVICE KEYFILE OPTIONS), found " + f.size()
                            + "; systemd ignores \"" + String.join(" ", f.subList(4, f.size())) + "\"",
                    "the options are one column without blanks: " + String.join(",", opts));
        }
        if (f.size() >= 3) {
            String key = f.get(2);
            int colon =
                    key.lastIndexOf(':'); // split_locationspec(): FILE:DEVICE, the file relative to the device's root
            boolean onDevice = colon >= 0 && Paths.isAbsolute(DeviceNodes.toUdevNode(key.substring(colon + 1)));
            if (key.equals("-") || key.equals("none") || key.startsWith("/") || onDevice) return;
            boolean options = key.indexOf(',') >= 0 || key.indexOf('=') >= 0 || OPTION_WORDS.contains(key);
            if (options && f.size() == 3) {
                log.warning(
                        origin,
                        "the third column is the key file, but \"" + key + "\" looks like options; systemd-cryptsetup "
                                + "ignores a key file that is not an absolute path, so these options do nothing",
                        "put none in the key column and the options in the fourth column: " + f.get(0) + " " + f.get(1)
                                + " none " + key);
            } else {
                log.warning(
                        origin,
                        "key file \"" + key + "\" is not an absolute path; systemd-cryptsetup ignores it and asks for "
                                + "the passphrase",
                        "write the key file's absolute path, or none to be asked");
            }
        }
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
