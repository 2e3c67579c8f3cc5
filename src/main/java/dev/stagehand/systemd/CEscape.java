package dev.stagehand.systemd;

/** C-style escaping as systemd's cescape() and cunescape_one(), on byte strings. */
public final class CEscape {
    private CEscape() {}

    /** One decoded escape: the code point, how many chars it used, and whether it is a raw byte. */
    public record Unescaped(int codePoint, int consumed, boolean eightBit) {}

    private static int unhex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static int unoct(char c) {
        return c >= '0' && c <= '7' ? c - '0' : -1;
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    /** cunescape_one() with accept_nul=false: the sequence after a backslash at {@code p}, or null. */
    public static Unescaped unescapeOne(String s, int p) {
        char c = at(s, p);
        switch (c) {
            case 'a':
                return new Unescaped(7, 1, false);
            case 'b':
                return new Unescaped('\b', 1, false);
            case 'f':
                return new Unescaped('\f', 1, false);
            case 'n':
                return new Unescaped('\n', 1, false);
            case 'r':
                return new Unescaped('\r', 1, false);
            case 't':
                return new Unescaped('\t', 1, false);
            case 'v':
                return new Unescaped(11, 1, false);
            case '\\':
                return new Unescaped('\\', 1, false);
            case '"':
                return new Unescaped('"', 1, false);
            case '\'':
                return new Unescaped('\'', 1, false);
            case 's':
                return new Unescaped(' ', 1, false);
            case 'x': {
                int a = unhex(at(s, p + 1));
                int b = a < 0 ? -1 : unhex(at(s, p + 2));
                if (a < 0 || b < 0 || (a == 0 && b == 0)) return null;
                return new Unescaped((a << 4) | b, 3, true);
            }
            case 'u': {
                int v = 0;
                for (int i = 1; i <= 4; i++) {
                    int d = unhex(at(s, p + i));
                    if (d < 0) return null;
                    v = (v << 4) | d;
                }
                if (v == 0) return null;
                return new Unescaped(v, 5, false);
            }
            case 'U': {
                long v = 0;
                for (int i = 1; i <= 8; i++) {
                    int d = unhex(at(s, p + i));
                    if (d < 0) return null;
                    v = (v << 4) | d;
                }
                if (v == 0 || !Utf8.isValidCodePoint(v)) return null;
                return new Unescaped((int) v, 9, false);
            }
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7': {
                int a = unoct(c), b = unoct(at(s, p + 1)), d = unoct(at(s, p + 2));
                if (b < 0 || d < 0) return null;
                if (a == 0 && b == 0 && d == 0) return null;
                int m = (a << 6) | (b << 3) | d;
                if (m > 255) return null;
                return new Unescaped(m, 3, true);
            }
            default:
                return null;
        }
    }

    /** cescape(): C escapes for control chars, quotes, backslash and bytes >= 127 (octal). */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 11 -> b.append("\\v");
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\'' -> b.append("\\'");
                default -> {
                    if (c < ' ' || c >= 127) {
                        int v = c & 0xff;
                        b.append('\\')
                                .append((char) ('0' + ((v >> 6) & 7)))
                                .append((char) ('0' + ((v >> 3) & 7)))
                                .append((char) ('0' + (v & 7)));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
