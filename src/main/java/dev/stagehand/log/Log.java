package dev.stagehand.log;

import dev.stagehand.systemd.CEscape;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of one run. Messages go to /dev/kmsg when systemd runs us as a generator (the
 * journal is not up in early boot), else to stderr. Every message is also kept, so tests and
 * `stagehand check` can read what was said. Text from the input is escaped: a hostile label
 * cannot forge a log line.
 */
public final class Log {
    private final String ident;
    private final Level maxLevel;
    private final OutputStream kmsg;
    private final PrintStream stderr;
    private final List<Diagnostic> messages = new ArrayList<>();

    private Log(String ident, Level maxLevel, OutputStream kmsg, PrintStream stderr) {
        this.ident = ident;
        this.maxLevel = maxLevel;
        this.kmsg = kmsg;
        this.stderr = stderr;
    }

    public static Log toStderr(String ident, Level maxLevel) {
        return new Log(ident, maxLevel, null, System.err);
    }

    /** Only kept, never printed (unit tests). */
    public static Log silent() {
        return new Log("stagehand", Level.DEBUG, null, null);
    }

    /** To /dev/kmsg if it can be opened for writing, else stderr. */
    public static Log toKmsg(String ident, Level maxLevel) {
        try {
            return new Log(ident, maxLevel, new FileOutputStream("/dev/kmsg"), null);
        } catch (IOException | SecurityException e) {
            return toStderr(ident, maxLevel);
        }
    }

    public List<Diagnostic> messages() {
        return List.copyOf(messages);
    }

    public void log(Level level, Origin origin, String message) {
        log(level, origin, message, null);
    }

    /** A message with what to write instead kept apart (check --format=json shows it as "hint"). */
    public void log(Level level, Origin origin, String message, String hint) {
        Diagnostic d = new Diagnostic(level, origin, sanitize(message), hint == null ? null : sanitize(hint));
        messages.add(d);
        if (level.priority > maxLevel.priority) return;
        String text = d.toString();
        if (kmsg != null) {
            try {
                String line = "<" + level.priority + ">" + ident + "[" + Pid.current() + "]: " + text + "\n";
                kmsg.write(line.getBytes(StandardCharsets.ISO_8859_1));
                kmsg.flush();
                return;
            } catch (IOException e) {
                // fall through to stderr
            }
        }
        if (stderr != null) {
            stderr.println(ident + ": " + text);
            stderr.flush();
        }
    }

    public void error(Origin o, String m) {
        log(Level.ERR, o, m);
    }

    public void warning(Origin o, String m) {
        log(Level.WARNING, o, m);
    }

    public void notice(Origin o, String m) {
        log(Level.NOTICE, o, m);
    }

    public void error(Origin o, String m, String hint) {
        log(Level.ERR, o, m, hint);
    }

    public void warning(Origin o, String m, String hint) {
        log(Level.WARNING, o, m, hint);
    }

    public void notice(Origin o, String m, String hint) {
        log(Level.NOTICE, o, m, hint);
    }

    public void info(Origin o, String m) {
        log(Level.INFO, o, m);
    }

    public void debug(Origin o, String m) {
        log(Level.DEBUG, o, m);
    }

    /** Control characters and non-ASCII bytes are shown as C escapes. */
    static String sanitize(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c >= 127) return escapeControls(s);
        }
        return s;
    }

    private static String escapeControls(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c >= 127) b.append(CEscape.escape(String.valueOf(c)));
            else b.append(c);
        }
        return b.toString();
    }
}
