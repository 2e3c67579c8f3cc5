package dev.stagehand.units;

import dev.stagehand.systemd.CEscape;
import dev.stagehand.systemd.Specifiers;

/**
 * One argument of an Exec*= line in single quotes. systemd unquotes these with C escapes
 * processed, so a backslash or a quote inside is escaped; for every other value the text is
 * what systemd's generators write ('%s' with % doubled).
 */
public final class ExecArgs {
    private ExecArgs() {}

    /**
     * One argument of an Exec*= line as systemd's generators write it: C escapes (cescape) and
     * % doubled; in double quotes if it holds a blank, which would split it into two arguments
     * (cescape leaves blanks alone; systemd writes them bare).
     */
    public static String word(String value) {
        String s = Specifiers.escape(CEscape.escape(value));
        return s.indexOf(' ') < 0 ? s : "\"" + s + "\"";
    }

    public static String quote(String value) {
        String s = Specifiers.escape(value == null ? "" : value);
        if (s.indexOf('\\') >= 0 || s.indexOf('\'') >= 0) {
            s = s.replace("\\", "\\\\").replace("'", "\\'");
        }
        return "'" + s + "'";
    }
}
