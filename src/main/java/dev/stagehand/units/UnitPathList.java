package dev.stagehand.units;

import dev.stagehand.systemd.Specifiers;

/**
 * One path in a space-separated path list (RequiresMountsFor=, WantsMountsFor=). systemd
 * splits these with quotes removed and backslashes taken as escapes, so a path with a blank,
 * a quote or a backslash is written in double quotes with \" and \\; other paths are written
 * as systemd's generators write them.
 */
public final class UnitPathList {
    private UnitPathList() {}

    public static String word(String path) {
        String s = Specifiers.escape(path);
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = !(c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\\');
        }
        if (plain) return s;
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
