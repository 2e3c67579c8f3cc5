package dev.stagehand.check;

import dev.stagehand.explain.Json;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Level;
import dev.stagehand.log.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What check prints: every finding (error, warning, notice; the generator's info and debug
 * lines are left out) and a summary, as text or JSON, and the exit status: 1 with errors, or
 * with warnings under --strict, else 0.
 */
public final class Report {
    /** The version of the JSON form; raised when a field changes meaning or goes away. */
    public static final int JSON_VERSION = 1;

    private final List<Diagnostic> findings = new ArrayList<>();
    private final boolean strict;
    private int errors, warnings;

    public Report(List<Diagnostic> messages, boolean strict) {
        this.strict = strict;
        for (Diagnostic d : messages) {
            if (d.level().priority > Level.NOTICE.priority) continue;
            findings.add(d);
            if (d.level() == Level.ERR) errors++;
            if (d.level() == Level.WARNING) warnings++;
        }
    }

    public int exitStatus() {
        return errors > 0 || (strict && warnings > 0) ? 1 : 0;
    }

    static String severity(Level l) {
        return switch (l) {
            case ERR -> "error";
            case WARNING -> "warning";
            default -> "notice";
        };
    }

    /** {@code note} follows the summary (e.g. that the system was read as outside the initrd), or is null. */
    public String text(String note) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : findings)
            b.append(severity(d.level())).append(": ").append(d).append('\n');
        b.append("stagehand check: ")
                .append(errors)
                .append(" error(s), ")
                .append(warnings)
                .append(" warning(s)");
        if (strict && warnings > 0) b.append(", which fail under --strict");
        if (note != null) b.append(" (").append(note).append(')');
        return b.append('\n').toString();
    }

    /**
     * {"version", "errors", "warnings", "strict", "note", "findings": [{"severity", "file", "line",
     * "key", "message", "hint"}]}: file is null for findings about the whole configuration and
     * /proc/cmdline for the kernel command line, line null where there is none, key the command
     * line key (e.g. "rootflags=") or null, hint what to write instead where the finding has one
     * apart from its message (null otherwise).
     */
    /** One finding as JSON fields (severity, file, line, key, message, hint); for any JSON that lists diagnostics. */
    public static Map<String, Object> fields(Diagnostic d) {
        Origin o = d.origin();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("severity", severity(d.level()));
        f.put("file", o == null ? null : o.file());
        f.put("line", o == null || o.line() <= 0 ? null : o.line());
        f.put("key", o == null ? null : o.detail());
        f.put("message", d.problem());
        f.put("hint", d.hint());
        return f;
    }

    public String json(String note) {
        List<Object> list = new ArrayList<>();
        for (Diagnostic d : findings) list.add(fields(d));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", JSON_VERSION);
        m.put("errors", errors);
        m.put("warnings", warnings);
        m.put("strict", strict);
        m.put("note", note);
        m.put("findings", list);
        return Json.write(m);
    }
}
