package dev.stagehand.crypt;

/** id128_is_valid(): 32 hex digits, or the 8-4-4-4-12 UUID form. */
final class Id128 {
    private Id128() {}

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isValid(String s) {
        if (s.length() == 32) {
            for (int i = 0; i < 32; i++) if (!hex(s.charAt(i))) return false;
            return true;
        }
        if (s.length() == 36) {
            for (int i = 0; i < 36; i++) {
                char c = s.charAt(i);
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    if (c != '-') return false;
                } else if (!hex(c)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
