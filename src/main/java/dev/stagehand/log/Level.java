package dev.stagehand.log;

import java.util.Locale;

/** syslog priorities, as /dev/kmsg and systemd use them. */
public enum Level {
    ERR(3),
    WARNING(4),
    NOTICE(5),
    INFO(6),
    DEBUG(7);

    public final int priority;

    Level(int priority) {
        this.priority = priority;
    }

    public static Level parse(String s) {
        if (s == null) return null;
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "emerg", "alert", "crit", "err", "error", "0", "1", "2", "3":
                return ERR;
            case "warning", "warn", "4":
                return WARNING;
            case "notice", "5":
                return NOTICE;
            case "info", "6":
                return INFO;
            case "debug", "7":
                return DEBUG;
            default:
                return null;
        }
    }
}
