package dev.stagehand.config;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
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
 * handed to ini4j. The line numbers are kept for messages about values.
 */
final class ConfigFile {
    /** One setting: section, key, value and where it came from. */
    record Setting(String section, String key, String value, Origin origin) {}

    private ConfigFile() {}

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
            } else if (l.startsWith("[") && l.endsWith("]") && l.length() > 2 && l.indexOf(']') == l.length() - 1) {
                section = l.substring(1, l.length() - 1).strip();
                clean.append('[').append(section).append("]\n");
            } else if (l.indexOf('=') > 0 && section != null && l.indexOf('\0') < 0) {
                String key = l.substring(0, l.indexOf('=')).strip();
                String value = l.substring(l.indexOf('=') + 1).strip();
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
        c.setEscape(false);          // values are taken as written (paths, time spans)
        c.setMultiOption(true);      // the last of repeated keys wins, below
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
                    out.add(new Setting(name, key, value == null ? "" : value,
                            line == null ? Origin.file(shownAs) : Origin.fileLine(shownAs, line)));
                }
            }
        }
        return out;
    }
}
