package dev.stagehand.input;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * lvm.conf(5) as libdevmapper's config parser (libdm-config.c) reads it: a stream of tokens,
 * not lines. `NAME { ... }` is a section (they nest, and a section named twice is merged),
 * `NAME = VALUE` a setting, where NAME may be a path (`devices/filter = ...` at the top level
 * is the same as inside `devices { }`); a value is a number, a "string" (with \" and \\
 * escapes), a 'string' (no escapes) or an array `[ v, v ]` (commas optional); `#` starts a
 * comment. A setting given twice: the later one wins (lvm says "Ignoring duplicate config
 * value" and uses the later one; checked with lvmconfig 2.03.16).
 *
 * lvm refuses a whole file on a syntax error ("Parse error at byte N (line L)", then every
 * command fails); this reader reports each bad line with file:line, skips to the end of that
 * line and goes on, so that one run shows every problem, and says once that lvm will refuse
 * the file. Only what stagehand needs is kept: devices/filter, devices/global_filter and
 * activation/activation_mode.
 */
public final class LvmConf {
    /** The settings stagehand reads, as full paths. */
    public static final String FILTER = "devices/filter",
            GLOBAL_FILTER = "devices/global_filter",
            ACTIVATION_MODE = "activation/activation_mode";
    /** activation_mode's values (lvm.conf(5)); lvm's default is degraded (config_settings.h). */
    public static final List<String> ACTIVATION_MODES = List.of("complete", "degraded", "partial");

    public static final String DEFAULT_ACTIVATION_MODE = "degraded";

    /** A value as written: a string or number (one element) or an array; where it was set. */
    public record Value(List<String> items, Origin origin) {}

    /** The settings of one file, by full path; syntaxErrors counts the lines lvm would refuse. */
    public record Conf(Map<String, Value> settings, int syntaxErrors) {
        public static Conf empty() {
            return new Conf(Map.of(), 0);
        }

        public Value get(String path) {
            return settings.get(path);
        }
    }

    private LvmConf() {}

    /** Longest nesting taken (lvm has no limit; a stack of a million "{" must not crash us). */
    static final int MAX_DEPTH = 64;

    public static Conf parse(String text, String shownAs, Log log) {
        return new Parser(text, shownAs, log).run();
    }

    /**
     * Checks an element of a filter as lvm's dev-regex filter takes it: "a" (accept) or "r"
     * (reject), a delimiter, the regex, the same delimiter (or the closing one of ( [ {) at
     * the end. Returns null when well formed, else what is wrong.
     */
    public static String filterProblem(String item) {
        if (item.length() < 3) return "too short for a|REGEX| or r|REGEX|";
        char kind = item.charAt(0);
        if (kind != 'a' && kind != 'r')
            return "starts with '" + item.charAt(0) + "', expected 'a' (accept) or 'r' (reject)";
        char open = item.charAt(1),
                close =
                        switch (open) {
                            case '(' -> ')';
                            case '[' -> ']';
                            case '{' -> '}';
                            default -> open;
                        };
        if (item.charAt(item.length() - 1) != close) {
            return "does not end with its delimiter '" + close + "'";
        }
        return null;
    }

    private static final class Parser {
        private final String s;
        private final String file;
        private final Log log;
        private int pos;
        private int line = 1;
        private int errors;
        private final Map<String, Value> out = new TreeMap<>();
        private final List<String> sections = new ArrayList<>();

        Parser(String s, String file, Log log) {
            this.s = s;
            this.file = file;
            this.log = log;
        }

        Conf run() {
            while (true) {
                skipBlank();
                if (pos >= s.length()) break;
                char c = s.charAt(pos);
                if (c == '}') {
                    pos++;
                    if (sections.isEmpty()) error("\"}\" without a section to close");
                    else sections.remove(sections.size() - 1);
                    continue;
                }
                int at = line;
                String name = identifier();
                if (name == null) {
                    error("expected a section or setting name, got " + shown(c));
                    continue;
                }
                skipBlank();
                if (pos < s.length() && s.charAt(pos) == '{') {
                    pos++;
                    if (sections.size() >= MAX_DEPTH) {
                        error("sections nested deeper than " + MAX_DEPTH);
                        continue;
                    }
                    sections.add(name);
                } else if (pos < s.length() && s.charAt(pos) == '=') {
                    pos++;
                    List<String> items = value();
                    if (items != null) {
                        String path = sections.isEmpty() ? name : String.join("/", sections) + "/" + name;
                        out.put(path, new Value(List.copyOf(items), Origin.fileLine(file, at)));
                    }
                } else {
                    error("expected \"{\" or \"=\" after \"" + name + "\"");
                }
            }
            if (!sections.isEmpty()) {
                errors++;
                log.error(
                        Origin.fileLine(file, line),
                        "section \"" + String.join("/", sections) + "\" is not closed at the end of the file");
            }
            if (errors > 0) {
                log.error(
                        Origin.file(file),
                        errors + (errors == 1 ? " syntax error" : " syntax errors")
                                + ": lvm refuses the whole file (\"Failed to load config file\") and every lvm command in the initrd fails");
            }
            return new Conf(out, errors);
        }

        /** A value or an array of values; null (reported, rest of the line skipped) when bad. */
        private List<String> value() {
            skipBlank();
            if (pos >= s.length()) {
                error("a value is missing at the end of the file");
                return null;
            }
            if (s.charAt(pos) != '[') {
                String v = scalar();
                return v == null ? null : List.of(v);
            }
            pos++;
            List<String> items = new ArrayList<>();
            for (; ; ) {
                skipBlank();
                if (pos >= s.length()) {
                    error("array not closed with \"]\"");
                    return null;
                }
                char c = s.charAt(pos);
                if (c == ']') {
                    pos++;
                    return items;
                }
                if (c == ',') {
                    pos++;
                    continue;
                }
                String v = scalar();
                if (v == null) return null;
                items.add(v);
            }
        }

        private String scalar() {
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') return string(c);
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || "+-._".indexOf(s.charAt(pos)) >= 0))
                pos++;
            String v = s.substring(start, pos);
            if (!v.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
                pos = start;
                error("expected a number, a \"string\" or [ an array ], got " + shown(c));
                return null;
            }
            return v;
        }

        /** "..." with \x escapes (the backslash is dropped), or '...' taken as written; not across a line end. */
        private String string(char quote) {
            int startLine = line;
            pos++;
            StringBuilder b = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == quote) return b.toString();
                if (c == '\n') line++;
                if (c == '\\' && quote == '"' && pos < s.length()) {
                    c = s.charAt(pos++);
                    if (c == '\n') line++;
                }
                b.append(c);
            }
            line = startLine;
            error("string not closed with " + quote);
            pos = s.length();
            return null;
        }

        /** A name: letters, digits, "_", "-", "/" (a path), "#" is a comment and never part of it. */
        private String identifier() {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '/' || c == '.') pos++;
                else break;
            }
            return pos > start ? s.substring(start, pos) : null;
        }

        private void skipBlank() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '#') {
                    while (pos < s.length() && s.charAt(pos) != '\n') pos++;
                } else if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else {
                    return;
                }
            }
        }

        /**
         * Reports the current line and goes on after it; a "}" where a value was expected (an
         * array left open) is left to close its section, so the sections after it are read as
         * sections and not as settings nested in the one before.
         */
        private void error(String what) {
            errors++;
            boolean close = pos < s.length() && s.charAt(pos) == '}';
            log.error(Origin.fileLine(file, line), what + (close ? "" : "; line skipped"));
            if (close) return;
            while (pos < s.length() && s.charAt(pos) != '\n') pos++;
        }

        private static String shown(char c) {
            return c < 32 || c == 127 ? String.format("a control character (0x%02x)", (int) c) : "\"" + c + "\"";
        }
    }
}
