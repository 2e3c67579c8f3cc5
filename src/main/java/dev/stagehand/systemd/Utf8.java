package dev.stagehand.systemd;

/** UTF-8 checks on byte strings (one char per byte), as systemd's utf8.c. */
public final class Utf8 {
    private Utf8() {}

    public static boolean isValidCodePoint(long ch) {
        if (ch >= 0x110000) return false;
        if ((ch & 0xFFFFF800L) == 0xD800) return false;
        if (ch >= 0xFDD0 && ch <= 0xFDEF) return false;
        if ((ch & 0xFFFE) == 0xFFFE) return false;
        return true;
    }

    private static int expectedLength(int c) {
        if (c < 0x80) return 1;
        if ((c & 0xe0) == 0xc0) return 2;
        if ((c & 0xf0) == 0xe0) return 3;
        if ((c & 0xf8) == 0xf0) return 4;
        if ((c & 0xfc) == 0xf8) return 5;
        if ((c & 0xfe) == 0xfc) return 6;
        return 0;
    }

    private static int encodedLength(long ch) {
        if (ch < 0x80) return 1;
        if (ch < 0x800) return 2;
        if (ch < 0x10000) return 3;
        if (ch < 0x200000) return 4;
        if (ch < 0x4000000) return 5;
        return 6;
    }

    /**
     * utf8_encoded_valid_unichar(): the length of the valid UTF-8 sequence at {@code i}, or -1.
     * The string ends at its length (as C's NUL).
     */
    public static int validSequenceLength(String s, int i) {
        int c0 = s.charAt(i) & 0xff;
        int len = expectedLength(c0);
        if (len == 0) return -1;
        if (i + len > s.length()) return -1;
        if (len == 1) return 1;
        for (int k = 0; k < len; k++) {
            if ((s.charAt(i + k) & 0x80) != 0x80) return -1;
        }
        long u = switch (len) {
            case 2 -> c0 & 0x1f;
            case 3 -> c0 & 0x0f;
            case 4 -> c0 & 0x07;
            case 5 -> c0 & 0x03;
            default -> c0 & 0x01;
        };
        for (int k = 1; k < len; k++) {
            int b = s.charAt(i + k) & 0xff;
            if ((b & 0xc0) != 0x80) return -1;
            u = (u << 6) | (b & 0x3f);
        }
        if (encodedLength(u) != len) return -1;
        if (!isValidCodePoint(u)) return -1;
        return len;
    }

    /** Whether the whole byte string is valid UTF-8. */
    public static boolean isValid(String s) {
        for (int i = 0; i < s.length(); ) {
            int n = validSequenceLength(s, i);
            if (n < 0) return false;
            i += n;
        }
        return true;
    }

    /** utf8_encode_unichar(): appends the UTF-8 bytes of a code point, one char per byte. */
    public static void appendEncoded(StringBuilder out, int g) {
        if (g < (1 << 7)) {
            out.append((char) (g & 0x7f));
        } else if (g < (1 << 11)) {
            out.append((char) (0xc0 | ((g >> 6) & 0x1f)));
            out.append((char) (0x80 | (g & 0x3f)));
        } else if (g < (1 << 16)) {
            out.append((char) (0xe0 | ((g >> 12) & 0x0f)));
            out.append((char) (0x80 | ((g >> 6) & 0x3f)));
            out.append((char) (0x80 | (g & 0x3f)));
        } else if (g < (1 << 21)) {
            out.append((char) (0xf0 | ((g >> 18) & 0x07)));
            out.append((char) (0x80 | ((g >> 12) & 0x3f)));
            out.append((char) (0x80 | ((g >> 6) & 0x3f)));
            out.append((char) (0x80 | (g & 0x3f)));
        }
    }
}
