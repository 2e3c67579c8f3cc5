package dev.stagehand.systemd;

import java.util.Locale;

/** parse_boolean(): yes/no words as systemd accepts them; null when neither. */
public final class Booleans {
    private Booleans() {}

    public static Boolean parse(String v) {
        if (v == null) return null;
        switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "y", "true", "t", "on":
                return Boolean.TRUE;
            case "0", "no", "n", "false", "f", "off":
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
