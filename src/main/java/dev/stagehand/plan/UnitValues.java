package dev.stagehand.plan;

import dev.stagehand.systemd.Utf8;

/**
 * The one rule every value obeys before it may enter a unit file: it stays on its line.
 * systemd's unit parser ends a value at a newline and joins a line that ends in a backslash
 * with the next one, so either would let input text become a directive of its own.
 */
public final class UnitValues {
    private UnitValues() {}

    /** Why {@code value} cannot be written as a unit file value, or null if it can. */
    public static String problem(String value) {
        if (value == null) return "it is missing";
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n') return "it contains a newline";
            if (c == '\r') return "it contains a carriage return";
            if (c == 0) return "it contains a NUL byte";
        }
        if (value.endsWith("\\")) return "it ends with a backslash (a line continuation in unit files)";
        // systemd's unit file parser drops lines that are not valid UTF-8
        if (!Utf8.isValid(value)) return "it is not valid UTF-8";
        return null;
    }

    /**
     * A safe stand-in for text that is only shown (SourcePath=, comments): line breakers and
     * bytes that are not UTF-8 become "?".
     */
    public static String sanitize(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            int n = Utf8.validSequenceLength(value, i);
            if (n > 1) {
                b.append(value, i, i + n);
                i += n;
                continue;
            }
            b.append(c == '\n' || c == '\r' || c == 0 || n < 0 ? '?' : c);
            i++;
        }
        if (b.length() > 0 && b.charAt(b.length() - 1) == '\\') b.setCharAt(b.length() - 1, '?');
        return b.toString();
    }

    public static boolean isSafe(String value) {
        return problem(value) == null;
    }

    static void requireSafe(String what, String value) {
        String p = problem(value);
        if (p != null) throw new IllegalArgumentException("unsafe unit file value for " + what + ": " + p);
    }
}
