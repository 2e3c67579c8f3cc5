package dev.stagehand.log;

/**
 * Where a piece of input came from: a file and line, or a kernel command line word. Every
 * message about input names it, so the reader can go straight to the line.
 */
public record Origin(String file, int line, String detail) {
    public static Origin fileLine(String file, int line) {
        return new Origin(file, line, null);
    }

    public static Origin file(String file) {
        return new Origin(file, 0, null);
    }

    /** A kernel command line word, e.g. "rootflags=". */
    public static Origin cmdline(String key) {
        return new Origin("/proc/cmdline", 0, key);
    }

    /** A word of one of dracut's command line files (/etc/cmdline.d/*.conf, /etc/cmdline): file, line and the word. */
    public static Origin cmdlineFile(String file, int line, String key) {
        return new Origin(file, line, key);
    }

    /**
     * Not from the input: a rule of systemd's that applies whatever the input says, e.g. the
     * initrd-usr-fs.target link to sysroot.mount when no mount.usr= is given.
     */
    public static Origin builtIn(String rule) {
        return new Origin(null, 0, rule);
    }

    public boolean isBuiltIn() {
        return file == null;
    }

    /** The command line key of the detail ("rd.lvm.lv=" of "rd.lvm.lv=vg/root"), or null. */
    public String key() {
        if (file == null || detail == null) return null;
        int eq = detail.indexOf('=');
        return eq < 0 ? detail : detail.substring(0, eq + 1);
    }

    @Override
    public String toString() {
        if (file == null) return "built-in rule (" + detail + ")";
        if (detail != null && "/proc/cmdline".equals(file)) return "kernel command line (" + detail + ")";
        if (detail != null) return file + ":" + line + " (" + detail + ")";
        return line > 0 ? file + ":" + line : file;
    }
}
