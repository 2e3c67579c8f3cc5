package dev.stagehand.systemd;

import java.util.ArrayList;
import java.util.List;

/** Small string helpers without java.util.regex (which the native image would carry along). */
public final class Strings {
    private Strings() {}

    /** Splits on one character, keeping empty parts (String.split(sep, -1) without regex). */
    public static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == sep) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }

    /** Whether every char of {@code s} (non-empty) is one of {@code allowed} or a letter/digit. */
    public static boolean isWord(String s, String allowed) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!alnum && allowed.indexOf(c) < 0) return false;
        }
        return true;
    }

    /** Two lower-case hex digits. */
    public static String hex2(int b) {
        return "" + Character.forDigit((b >> 4) & 0xf, 16) + Character.forDigit(b & 0xf, 16);
    }

    /** A number with at least two digits. */
    public static String twoDigits(int n) {
        return n < 10 && n >= 0 ? "0" + n : Integer.toString(n);
    }
}
