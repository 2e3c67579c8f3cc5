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

    @Override
    public String toString() {
        if (detail != null) return "kernel command line (" + detail + ")";
        return line > 0 ? file + ":" + line : file;
    }
}
