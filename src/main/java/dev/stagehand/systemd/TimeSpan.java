package dev.stagehand.systemd;

/** Time spans as systemd parses (parse_sec) and prints (format_timespan) them, in microseconds. */
public final class TimeSpan {
    public static final long INFINITY = -1L; // USEC_INFINITY, as an unsigned 64-bit value
    private static final long SEC = 1_000_000L,
            MSEC = 1_000L,
            MINUTE = 60 * SEC,
            HOUR = 60 * MINUTE,
            DAY = 24 * HOUR,
            WEEK = 7 * DAY,
            MONTH = 2_629_800L * SEC,
            YEAR = 31_557_600L * SEC;

    private static final Object[][] PARSE_UNITS = {
        {"seconds", SEC},
        {"second", SEC},
        {"sec", SEC},
        {"s", SEC},
        {"minutes", MINUTE},
        {"minute", MINUTE},
        {"min", MINUTE},
        {"months", MONTH},
        {"month", MONTH},
        {"M", MONTH},
        {"msec", MSEC},
        {"ms", MSEC},
        {"m", MINUTE},
        {"hours", HOUR},
        {"hour", HOUR},
        {"hr", HOUR},
        {"h", HOUR},
        {"days", DAY},
        {"day", DAY},
        {"d", DAY},
        {"weeks", WEEK},
        {"week", WEEK},
        {"w", WEEK},
        {"years", YEAR},
        {"year", YEAR},
        {"y", YEAR},
        {"usec", 1L},
        {"us", 1L},
        {"\u00ce\u00bcs", 1L}, // U+03BC GREEK SMALL LETTER MU, UTF-8 bytes
        {"\u00c2\u00b5s", 1L}, // U+00B5 MICRO SIGN, UTF-8 bytes
    };

    private static final Object[][] FORMAT_UNITS = {
        {"y", YEAR},
        {"month", MONTH},
        {"w", WEEK},
        {"d", DAY},
        {"h", HOUR},
        {"min", MINUTE},
        {"s", SEC},
        {"ms", MSEC},
        {"us", 1L},
    };

    private TimeSpan() {}

    private static final String WS = " \t\n\r";

    private static int skip(String s, int i, String set) {
        while (i < s.length() && set.indexOf(s.charAt(i)) >= 0) i++;
        return i;
    }

    /** parse_sec(): null when invalid (systemd returns an error). */
    public static Long parseSec(String t) {
        return parse(t, SEC);
    }

    /** parse_sec_fix_0(): like parseSec, but 0 means infinity. */
    public static Long parseSecFix0(String t) {
        Long v = parseSec(t);
        if (v == null) return null;
        return v == 0 ? INFINITY : v;
    }

    private static Long parse(String t, long defaultUnit) {
        int p = skip(t, 0, WS);
        if (t.startsWith("infinity", p)) {
            int s = skip(t, p + 8, WS);
            return s == t.length() ? INFINITY : null;
        }
        long usec = 0;
        boolean something = false;
        for (; ; ) {
            p = skip(t, p, WS);
            if (p >= t.length()) {
                if (!something) return null;
                break;
            }
            if (t.charAt(p) == '-') return null; // no "-0"
            // strtoll(): optional sign, then digits; e == p when nothing was converted
            int q = skip(t, p, " \t\n\u000b\f\r");
            if (q < t.length() && t.charAt(q) == '-') return null; // negative: ERANGE or EINVAL
            if (q < t.length() && t.charAt(q) == '+') q++;
            int digits = q;
            while (q < t.length() && t.charAt(q) >= '0' && t.charAt(q) <= '9') q++;
            int e = q == digits ? p : q;
            long l = 0;
            if (q != digits) {
                try {
                    l = Long.parseLong(t.substring(digits, q));
                } catch (NumberFormatException overflow) {
                    return null; // ERANGE
                }
            }
            boolean fraction = e < t.length() && t.charAt(e) == '.';
            if (fraction) {
                p = skip(t, e + 1, "0123456789");
            } else if (e == p) {
                return null;
            } else {
                p = e;
            }
            int unitStart = skip(t, p, WS);
            long multiplier = defaultUnit;
            int s = unitStart;
            for (Object[] u : PARSE_UNITS) {
                if (t.startsWith((String) u[0], unitStart)) {
                    multiplier = (Long) u[1];
                    s = unitStart + ((String) u[0]).length();
                    break;
                }
            }
            if (s == p && s < t.length()) return null; // "12.34.56"
            p = s;
            if (Long.compareUnsigned(l, Long.divideUnsigned(INFINITY, multiplier)) >= 0) return null;
            long k = l * multiplier;
            if (Long.compareUnsigned(k, INFINITY - usec) >= 0) return null;
            usec += k;
            something = true;
            if (fraction) {
                long m = multiplier / 10;
                int b = e + 1;
                for (; b < t.length() && t.charAt(b) >= '0' && t.charAt(b) <= '9'; b++, m /= 10) {
                    k = (t.charAt(b) - '0') * m;
                    if (Long.compareUnsigned(k, INFINITY - usec) >= 0) return null;
                    usec += k;
                }
                if (b == e + 1) return null; // "3.sec"
            }
        }
        return usec;
    }

    /** format_timespan(t, accuracy 0), as used by FORMAT_TIMESPAN(u, 0). */
    public static String format(long t) {
        if (t == INFINITY) return "infinity";
        if (t == 0) return "0";
        StringBuilder b = new StringBuilder();
        for (Object[] u : FORMAT_UNITS) {
            String suffix = (String) u[0];
            long unit = (Long) u[1];
            if (Long.compareUnsigned(t, 0) <= 0) break;
            if (Long.compareUnsigned(t, unit) < 0) continue;
            long a = Long.divideUnsigned(t, unit), r = Long.remainderUnsigned(t, unit);
            boolean done = false;
            if (Long.compareUnsigned(t, MINUTE) < 0 && r > 0) {
                int j = 0;
                for (long cc = unit; cc > 1; cc /= 10) j++;
                if (j > 0) {
                    if (!b.isEmpty()) b.append(' ');
                    String frac = Long.toUnsignedString(r);
                    b.append(Long.toUnsignedString(a))
                            .append('.')
                            .append("0".repeat(Math.max(0, j - frac.length())))
                            .append(frac)
                            .append(suffix);
                    t = 0;
                    done = true;
                }
            }
            if (!done) {
                if (!b.isEmpty()) b.append(' ');
                b.append(Long.toUnsignedString(a)).append(suffix);
                t = r;
            }
        }
        return b.toString();
    }
}
