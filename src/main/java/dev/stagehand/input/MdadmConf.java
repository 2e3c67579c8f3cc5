package dev.stagehand.input;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * mdadm.conf(5) as mdadm's config.c reads it: "#" starts a comment, words are split at blanks
 * with "..." or '...' grouping, a line that starts with a blank continues the one before, and
 * the first word is a keyword matched case-insensitively by a prefix of at least three letters
 * (DEV, ARR, HOMEHOST, ...). Only what stagehand needs is kept: ARRAY lines (with identity)
 * and HOMEHOST; the other keywords are known and skipped; anything else is reported.
 */
public final class MdadmConf {
    /** One ARRAY line. uuid is 32 lower-case hex digits, or null; numbers are -1 when unset. */
    public record Array(
            Origin origin,
            String devname,
            String uuid,
            String name,
            String level,
            int raidDisks,
            int spares,
            String container,
            String member,
            String metadata,
            String devices) {}

    /** The arrays, and HOMEHOST's first word (null when there is none). */
    public record Conf(List<Array> arrays, String homehost) {
        public static Conf empty() {
            return new Conf(List.of(), null);
        }
    }

    private static final String[] KEYWORDS = {
        "devices",
        "array",
        "mailaddr",
        "mailfrom",
        "program",
        "create",
        "homehost",
        "homecluster",
        "auto",
        "policy",
        "part-policy",
        "sysfs",
        "monitordelay"
    };

    private MdadmConf() {}

    public static Conf parse(String text, String shownAs, Log log) {
        List<Array> arrays = new ArrayList<>();
        String homehost = null;
        for (Line l : logicalLines(text, shownAs)) {
            String kw = keyword(l.words().get(0));
            if (kw == null) {
                log.warning(
                        l.origin(),
                        "unknown keyword \"" + l.words().get(0)
                                + "\" (expected ARRAY, DEVICE, HOMEHOST, ...); line ignored");
                continue;
            }
            if (kw.equals("array")) {
                Array a = array(l, log);
                if (a != null) arrays.add(a);
            } else if (kw.equals("homehost") && homehost == null) {
                for (String w : l.words().subList(1, l.words().size())) {
                    if (w.equalsIgnoreCase("<ignore>")) continue;
                    homehost = w.equalsIgnoreCase("<none>") ? "" : w;
                    break;
                }
            }
        }
        return new Conf(List.copyOf(arrays), homehost);
    }

    /** match_keyword(): at least three letters, a case-insensitive prefix of a keyword. */
    static String keyword(String word) {
        if (word.length() < 3) return null;
        String w = word.toLowerCase(Locale.ROOT);
        for (String k : KEYWORDS) if (k.startsWith(w)) return k;
        return null;
    }

    private static Array array(Line l, Log log) {
        String devname = null,
                uuid = null,
                name = null,
                level = null,
                container = null,
                member = null,
                metadata = null,
                devices = null;
        int disks = -1, spares = -1;
        for (String w : l.words().subList(1, l.words().size())) {
            String lw = w.toLowerCase(Locale.ROOT);
            if (w.startsWith("/") || w.indexOf('=') < 0) {
                if (devname != null)
                    log.warning(l.origin(), "only one device per ARRAY line: " + devname + " and " + w);
                else devname = w;
            } else if (lw.startsWith("uuid=")) {
                String u = uuid(w.substring(5));
                if (u == null) log.warning(l.origin(), "bad uuid: " + w + " (expected 32 hex digits)");
                else if (uuid == null) uuid = u;
            } else if (lw.startsWith("name=")) {
                if (w.length() - 5 > 32) log.warning(l.origin(), "name too long (more than 32 bytes), ignoring " + w);
                else if (name == null) name = w.substring(5);
            } else if (lw.startsWith("level=")) {
                level = w.substring(6);
            } else if (lw.startsWith("num-devices=")) {
                disks = atoi(w.substring(12));
            } else if (lw.startsWith("disks=")) {
                disks = atoi(w.substring(6));
            } else if (lw.startsWith("spares=")) {
                spares = atoi(w.substring(7));
            } else if (lw.startsWith("container=")) {
                container = w.substring(10);
            } else if (lw.startsWith("member=")) {
                member = w.substring(7);
            } else if (lw.startsWith("metadata=")) {
                metadata = w.substring(9);
            } else if (lw.startsWith("devices=")) {
                if (devices == null) devices = w.substring(8);
            } else if (!(lw.startsWith("super-minor=")
                    || lw.startsWith("bitmap=")
                    || lw.startsWith("spare-group=")
                    || lw.startsWith("auto="))) {
                log.warning(l.origin(), "unrecognised word on ARRAY line: " + w);
            }
        }
        if (uuid == null && devices == null && name == null && (container == null || member == null)) {
            log.warning(
                    l.origin(),
                    "ARRAY line " + (devname == null ? "" : devname + " ")
                            + "has no identity (uuid=, name=, devices=); line ignored");
            return null;
        }
        return new Array(l.origin(), devname, uuid, name, level, disks, spares, container, member, metadata, devices);
    }

    /** parse_uuid(): 32 hex digits, with ":", ".", " " and "-" allowed between them. */
    public static String uuid(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 128) b.append(Character.toLowerCase(c));
            else if (":. -".indexOf(c) < 0) return null;
        }
        return b.length() == 32 ? b.toString() : null;
    }

    /** mdadm's MD_UUID form: four groups of eight hex digits joined by ":". */
    public static String mdUuid(String uuid32) {
        return uuid32.substring(0, 8) + ":" + uuid32.substring(8, 16) + ":" + uuid32.substring(16, 24) + ":"
                + uuid32.substring(24);
    }

    private static int atoi(String s) {
        int i = 0, v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < 100_000) v = v * 10 + (s.charAt(i++) - '0');
        return v;
    }

    record Line(Origin origin, List<String> words) {}

    /** conf_line(): words of a line plus those of the indented lines after it. */
    static List<Line> logicalLines(String text, String shownAs) {
        List<Line> out = new ArrayList<>();
        int n = 0;
        List<String> cur = null;
        Origin curOrigin = null;
        for (String raw : text.split("\n", -1)) {
            n++;
            List<String> words = words(raw);
            boolean continued = !raw.isEmpty() && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t');
            if (continued && cur != null) {
                cur.addAll(words);
                continue;
            }
            if (words.isEmpty()) continue;
            if (cur != null) out.add(new Line(curOrigin, List.copyOf(cur)));
            cur = new ArrayList<>(words);
            curOrigin = Origin.fileLine(shownAs, n);
        }
        if (cur != null) out.add(new Line(curOrigin, List.copyOf(cur)));
        return out;
    }

    /** conf_word(): blanks separate, quotes group (and are dropped), "#" outside quotes ends the line. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        int i = 0, len = line.length();
        while (i < len) {
            while (i < len && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '\r')) i++;
            if (i >= len || line.charAt(i) == '#') break;
            StringBuilder w = new StringBuilder();
            while (i < len) {
                char c = line.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r') break;
                if (c == '"' || c == '\'') {
                    int end = line.indexOf(c, i + 1);
                    if (end < 0) end = len;
                    w.append(line, i + 1, end);
                    i = Math.min(len, end + 1);
                    continue;
                }
                w.append(c);
                i++;
            }
            out.add(w.toString());
        }
        return out;
    }
}
