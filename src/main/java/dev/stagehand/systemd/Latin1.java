package dev.stagehand.systemd;

import java.nio.charset.StandardCharsets;

/**
 * Byte strings: every input is decoded as ISO-8859-1 so each char is exactly one byte, as
 * in C. That keeps invalid UTF-8, escapes and lengths (255-byte unit names) byte-exact, and
 * encoding with the same charset writes back the original bytes.
 */
public final class Latin1 {
    private Latin1() {}

    public static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A C string ends at its first NUL byte. */
    public static String cString(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }
}
