package dev.stagehand.config;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.CEscape;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.Profile;

/**
 * One stagehand.conf-style file, read with ini4j. ini4j stops at the first line it cannot
 * parse, so every line is looked at first: a line that is neither blank, a comment, a
 * [Section] nor a Key=Value is reported with its file:line and left out, and the rest is
 * handed to ini4j. So are lines ini4j would read differently: with a control character (it
 * splits at a CR and trims the others off names) and with a key that is not made of letters,
 * digits, "-", "_" and "." (it splits at ":" as well as "=", and skips "\=").
 * The line numbers are kept for messages about values.
 */
final class ConfigFile {
    /** One setting: section, key, value and where it came from. */
    record Setting(String section, String key, String value, Origin origin) {}

    private ConfigFile() {}

    /** The index of the first control character other than a tab, or -1. */
    private static int controlCharacter(String l) {
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if ((c < ' ' && c != '\t') || c == 127) return i;
        }
        return -1;
    }

    private static boolean isKey(String k) {
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.') return false;
        }
        return !k.isEmpty();
    }

    static List<Setting> parse(String text, String shownAs, Log log) {
        StringBuilder clean = new StringBuilder();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        String section = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String l = raw.strip();
            Origin o = Origin.fileLine(shownAs, i + 1);
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                clean.append('\n');
            } else if (controlCharacter(l) >= 0) {
                // ini4j would split at a CR, and trim others off a section name or key: what it
                // read would not be this line
                log.error(
                        o,
                        "line contains the control character "
                                + CEscape.escape(String.valueOf(l.charAt(controlCharacter(l)))) + "; line ignored");
                clean.append('\n');
            } else if (l.startsWith("[")
                    && l.endsWith("]")
                    && l.indexOf(']') == l.length() - 1
                    && l.substring(1, l.length() - 1).isBlank()) {
                // ini4j reads "[ ]" as a section without a name and drops what follows: say so
                log.error(
                        o,
                        "a [Section] needs a name, got \"" + l
                                + "\"; line ignored, and the settings after it up to the next [Section]");
                section = null;
                clean.append('\n');
            } else if (l.startsWith("[") && l.endsWith("]") && l.length() > 2 && l.indexOf(']') == l.length() - 1) {
                section = l.substring(1, l.length() - 1).strip();
                clean.append('[').append(section).append("]\n");
            } else if (l.indexOf('=') > 0 && section != null) {
                String key = l.substring(0, l.indexOf('=')).strip();
                String value = l.substring(l.indexOf('=') + 1).strip();
                if (!isKey(key)) {
                    // ini4j splits at ":" too, and skips a "=" after a backslash
                    log.error(
                            o,
                            "expected Key=Value with a key of letters, digits, \"-\", \"_\" and \".\", got \"" + key
                                    + "\"; line ignored");
                    clean.append('\n');
                    continue;
                }
                if (value.endsWith("\\")) {
                    log.error(o, "a value may not end with a backslash (no line continuations); line ignored");
                    clean.append('\n');
                    continue;
                }
                lineOf.put(section + "\0" + key, i + 1);
                clean.append(key).append('=').append(value).append('\n');
            } else if (section == null && l.indexOf('=') > 0) {
                log.error(o, "expected a [Section] before \"" + l + "\"; line ignored");
                clean.append('\n');
            } else {
                log.error(o, "expected [Section], Key=Value or a # comment, got \"" + l + "\"; line ignored");
                clean.append('\n');
            }
        }
        Ini ini = new Ini();
        Config c = ini.getConfig().clone();
        c.setEscape(false); // values are taken as written (paths, time spans)
        c.setMultiOption(true); // the last of repeated keys wins, below
        c.setMultiSection(true);
        c.setEmptyOption(true);
        c.setGlobalSection(false);
        c.setTree(false);
        ini.setConfig(c);
        try {
            ini.load(new StringReader(clean.toString()));
        } catch (IOException e) {
            log.error(Origin.file(shownAs), "cannot be read as an ini file: " + e.getMessage() + "; file ignored");
            return List.of();
        }
        List<Setting> out = new ArrayList<>();
        for (String name : ini.keySet()) {
            for (Profile.Section s : ini.getAll(name)) {
                for (String key : s.keySet()) {
                    List<String> values = s.getAll(key);
                    String value = values.isEmpty() ? "" : values.get(values.size() - 1);
                    Integer line = lineOf.get(name + "\0" + key);
                    out.add(new Setting(
                            name,
                            key,
                            value == null ? "" : value,
                            line == null ? Origin.file(shownAs) : Origin.fileLine(shownAs, line)));
                }
            }
        }
        return out;
    }
}
