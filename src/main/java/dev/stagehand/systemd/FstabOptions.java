package dev.stagehand.systemd;

import java.util.ArrayList;
import java.util.List;

/**
 * fstab option strings, as systemd's fstab_filter_options() and friends: comma separated,
 * "\," and "\\" escaped, the last of repeated options wins.
 */
public final class FstabOptions {
    /**
     * The x-systemd.* and x-initrd.* options systemd 257 acts on in fstab (and rootflags=,
     * mount.usrflags=, systemd.mount-extra=): fstab-generator.c, generator.c
     * (device-timeout), fstab-util.c (x-initrd.mount) and PID 1's mount.c (device-bound,
     * graceful-option). mount(8) ignores every other x-* option: a misspelt one does nothing.
     */
    public static final List<String> SYSTEMD_OPTIONS = List.of(
            "x-initrd.mount",
            "x-systemd.after",
            "x-systemd.automount",
            "x-systemd.before",
            "x-systemd.device-bound",
            "x-systemd.device-timeout",
            "x-systemd.graceful-option",
            "x-systemd.growfs",
            "x-systemd.idle-timeout",
            "x-systemd.makefs",
            "x-systemd.mount-timeout",
            "x-systemd.pcrfs",
            "x-systemd.required-by",
            "x-systemd.requires",
            "x-systemd.requires-mounts-for",
            "x-systemd.rw-only",
            "x-systemd.wanted-by",
            "x-systemd.wants",
            "x-systemd.wants-mounts-for");

    private FstabOptions() {}

    /** The options of a list, unescaped ("\," is a comma inside an option), empty ones left out. */
    public static List<String> split(String opts) {
        if (opts == null) return List.of();
        try {
            return Words.split(opts, ",", Words.UNESCAPE_SEPARATORS | Words.UNESCAPE_RELAX);
        } catch (Words.BadWordException e) {
            throw new IllegalStateException("UNESCAPE_RELAX never fails", e);
        }
    }

    /** What a filter found: the last matching name, last value, all values, and the rest. */
    public record Filtered(String nameFound, String value, List<String> values, String rest) {
        public boolean found() {
            return nameFound != null;
        }
    }

    /**
     * The full form of fstab_filter_options(). With {@code wantValues}, only "name=value"
     * settings match; otherwise "name" alone matches too (value null).
     */
    public static Filtered filter(String opts, boolean wantValues, String... names) {
        if (opts == null) return new Filtered(null, null, List.of(), null);
        // the common case, without splitting: none of the names is there and splitting and
        // joining again would give back the same text (no escapes, no empty items)
        if (lastFound(opts, names) == null && isPlainList(opts)) return new Filtered(null, null, List.of(), opts);
        List<String> split = split(opts);
        String nameFound = null, value = null;
        List<String> values = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String opt : split) {
            String x = null, matched = null;
            for (String name : names) {
                if (!opt.startsWith(name)) continue;
                String after = opt.substring(name.length());
                if (after.startsWith("=") || (!wantValues && after.isEmpty())) {
                    x = after;
                    matched = name;
                    break;
                }
            }
            if (matched != null) {
                nameFound = matched;
                if (wantValues) {
                    values.add(x.substring(1));
                } else {
                    value = x.startsWith("=") ? x.substring(1) : null;
                }
            } else {
                rest.add(opt);
            }
        }
        return new Filtered(nameFound, value, List.copyOf(values), joinEscaped(rest));
    }

    private static boolean isPlainList(String opts) {
        return opts.indexOf('\\') < 0 && !opts.startsWith(",") && !opts.endsWith(",") && !opts.contains(",,");
    }

    /** strv_join_full(l, ",", NULL, escape_separator=true). */
    private static String joinEscaped(List<String> l) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) b.append(',');
            String s = l.get(i);
            if (s.indexOf(',') >= 0) {
                for (int k = 0; k < s.length(); k++) {
                    if (s.charAt(k) == ',') b.append('\\');
                    b.append(s.charAt(k));
                }
            } else {
                b.append(s);
            }
        }
        return b.toString();
    }

    /**
     * The fast form (no values wanted): the last of {@code names} present as "name",
     * "name=..." or "name," in the raw string, or null.
     */
    public static String lastFound(String opts, String... names) {
        if (opts == null) return null;
        String found = null;
        int word = 0;
        for (; ; ) {
            int end = word;
            for (; ; ) {
                while (end < opts.length() && opts.charAt(end) != ',' && opts.charAt(end) != '\\') end++;
                if (end >= opts.length() || opts.charAt(end) == ',') break;
                end++; // the backslash
                if (end < opts.length()) end++; // the escaped char
            }
            for (String name : names) {
                if (!opts.startsWith(name, word)) continue;
                int x = word + name.length();
                if (x > end) continue;
                char c = x < opts.length() ? opts.charAt(x) : 0;
                if (c == 0 || c == '=' || c == ',') {
                    found = name;
                    break;
                }
            }
            if (end >= opts.length()) break;
            word = end + 1;
        }
        return found;
    }

    /** fstab_test_option(). */
    public static boolean has(String opts, String... names) {
        return lastFound(opts, names) != null;
    }

    /** fstab_test_yes_no_option(): true if {@code yes} appears after any {@code no}. */
    public static boolean yesNo(String opts, String yes, String no) {
        return yes.equals(lastFound(opts, yes, no));
    }

    /** The last value of any of {@code names} (null when absent or given without "="). */
    public static String value(String opts, String... names) {
        return filter(opts, false, names).value();
    }

    /** Every value of {@code names}, in order. */
    public static List<String> values(String opts, String... names) {
        return filter(opts, true, names).values();
    }
}
