package dev.stagehand.units;

import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.Specifiers;

/**
 * One path in a space-separated path list (RequiresMountsFor=, WantsMountsFor=). systemd
 * splits these with quotes removed and backslashes taken as escapes, so a path with a blank,
 * a quote or a backslash is written in double quotes with \" and \\; other paths are written
 * as systemd's generators write them.
 */
public final class UnitPathList {
    private UnitPathList() {}

    /**
     * Why systemd would ignore {@code path} in such a list (with "path is not absolute" or
     * "Failed to resolve unit specifiers" when it loads the unit), or null: it must be absolute,
     * shorter than PATH_MAX, and each of its names at most NAME_MAX bytes (path_is_valid()).
     */
    public static String problem(String path) {
        if (!Paths.isAbsolute(path)) return "it is not an absolute path";
        if (!Paths.isValid(path, true)) {
            return "it is longer than " + (Paths.PATH_MAX - 1) + " bytes or has a name longer than " + Paths.NAME_MAX
                    + " bytes";
        }
        return null;
    }

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
