package dev.stagehand.systemd;

/**
 * Path handling with the exact rules of systemd's path-util.c (components, "." and ".."
 * handling, NAME_MAX/PATH_MAX limits), on byte strings. These rules decide unit names and
 * which paths count as equal, so they must not be approximated with java.nio.
 */
public final class Paths {
    public static final int NAME_MAX = 255;
    public static final int PATH_MAX = 4096;

    private Paths() {}

    /** One step of path_find_first_component(): a component and where the rest starts. */
    private record Step(int length, int componentStart, int next) {
        static final Step END = new Step(0, -1, -1);

        boolean invalid() {
            return length < 0;
        }
    }

    private static int skipSlashOrDot(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/') {
                i++;
            } else if (c == '.' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** path_find_first_component() from index {@code from}. */
    private static Step first(String s, int from, boolean acceptDotDot) {
        int first = skipSlashOrDot(s, from);
        if (first >= s.length()) {
            return new Step(0, -1, s.length());
        }
        if (first == s.length() - 1 && s.charAt(first) == '.') {
            return new Step(0, -1, s.length());
        }
        int end = s.indexOf('/', first);
        if (end < 0) end = s.length();
        int len = end - first;
        if (len > NAME_MAX) return new Step(-1, first, from);
        if (!acceptDotDot && len == 2 && s.charAt(first) == '.' && s.charAt(first + 1) == '.') {
            return new Step(-1, first, from);
        }
        int next = skipSlashOrDot(s, end);
        if (next == s.length() - 1 && s.charAt(next) == '.') next++;
        return new Step(len, first, next);
    }

    public static boolean isAbsolute(String p) {
        return !p.isEmpty() && p.charAt(0) == '/';
    }

    /** is_path(): anything with a slash in it. */
    public static boolean isPath(String p) {
        return p != null && p.indexOf('/') >= 0;
    }

    /** path_simplify(): drops duplicate slashes, "." and leading ".." of absolute paths. */
    public static String simplify(String path) {
        if (path.isEmpty()) return path;
        boolean absolute = isAbsolute(path);
        StringBuilder out = new StringBuilder(path.length());
        if (absolute) out.append('/');
        boolean addSlash = false, beginning = true;
        int p = absolute ? 1 : 0;
        for (; ; ) {
            Step st = first(path, p, true);
            if (st.length() == 0) break;
            if (st.length() > 0
                    && absolute
                    && beginning
                    && st.length() == 2
                    && path.startsWith("..", st.componentStart())) {
                p = st.next();
                continue;
            }
            beginning = false;
            if (addSlash) out.append('/');
            if (st.invalid()) {
                out.append(path, p, path.length());
                return out.toString();
            }
            out.append(path, st.componentStart(), st.componentStart() + st.length());
            p = st.next();
            addSlash = true;
        }
        if (out.isEmpty()) out.append('.');
        return out.toString();
    }

    /** path_startswith(): the rest of {@code path} after {@code prefix}, or null. */
    public static String startsWith(String path, String prefix) {
        if (isAbsolute(path) != isAbsolute(prefix)) return null;
        int pp = 0, qq = 0;
        for (; ; ) {
            Step m = first(path, pp, true);
            if (m.invalid()) return null;
            Step n = first(prefix, qq, true);
            if (n.invalid()) return null;
            if (n.length() == 0) {
                int restStart = m.length() == 0 ? m.next() : m.componentStart();
                return path.substring(restStart);
            }
            if (m.length() != n.length()) return null;
            if (!path.regionMatches(m.componentStart(), prefix, n.componentStart(), m.length())) return null;
            pp = m.next();
            qq = n.next();
        }
    }

    /** PATH_STARTSWITH_SET(): true if any prefix matches. */
    public static boolean startsWithAny(String path, String... prefixes) {
        for (String p : prefixes) {
            if (startsWith(path, p) != null) return true;
        }
        return false;
    }

    /** path_compare(). */
    public static int compare(String a, String b) {
        int r = Boolean.compare(isAbsolute(a), isAbsolute(b));
        if (r != 0) return r;
        int pa = 0, pb = 0;
        for (; ; ) {
            Step j = first(a, pa, true);
            Step k = first(b, pb, true);
            if (j.invalid() || k.invalid()) {
                r = Boolean.compare(j.invalid(), k.invalid());
                if (r != 0) return r;
                return a.substring(pa).compareTo(b.substring(pb));
            }
            if (j.length() == 0) return k.length() == 0 ? 0 : -1;
            if (k.length() == 0) return 1;
            int n = Math.min(j.length(), k.length());
            for (int i = 0; i < n; i++) {
                int d = (a.charAt(j.componentStart() + i) & 0xff) - (b.charAt(k.componentStart() + i) & 0xff);
                if (d != 0) return d;
            }
            r = Integer.compare(j.length(), k.length());
            if (r != 0) return r;
            pa = j.next();
            pb = k.next();
        }
    }

    public static boolean equal(String a, String b) {
        if (a.equals(b)) return true;
        // two paths written the one way path_compare() reads them are equal only as strings:
        // no allocation for the common case (a path against a literal such as "/sysroot")
        if (isPlain(a) && isPlain(b)) return false;
        return compare(a, b) == 0;
    }

    /**
     * Whether {@code p} has exactly one spelling under path_compare(): no empty, "." or
     * trailing component (no "//", "/./", "./" at the start, "/" or "/." at the end), and
     * no component longer than NAME_MAX (those compare as raw text).
     */
    static boolean isPlain(String p) {
        int n = p.length();
        if (n == 0) return false;
        int start = p.charAt(0) == '/' ? 1 : 0;
        if (start == n) return false; // "/" alone: compared like "" after the root flag
        int componentStart = start;
        for (int i = start; i <= n; i++) {
            if (i < n && p.charAt(i) != '/') continue;
            int len = i - componentStart;
            if (len == 0 || len > NAME_MAX || (len == 1 && p.charAt(componentStart) == '.')) return false;
            componentStart = i + 1;
        }
        return true;
    }

    /** PATH_IN_SET(). */
    public static boolean inSet(String p, String... set) {
        for (String s : set) {
            if (s != null && equal(p, s)) return true;
        }
        return false;
    }

    /** empty_or_root(). */
    public static boolean emptyOrRoot(String p) {
        return p == null || p.isEmpty() || equal(p, "/");
    }

    /** is_device_path(): below /dev/ or /sys/, with something after the prefix. */
    public static boolean isDevicePath(String p) {
        for (String prefix : new String[] {"/dev/", "/sys/"}) {
            String rest = startsWith(p, prefix);
            if (rest != null) return !rest.isEmpty();
        }
        return false;
    }

    /** path_is_valid_full(). */
    public static boolean isValid(String p, boolean acceptDotDot) {
        if (p.isEmpty()) return false;
        int e = 0;
        for (; ; ) {
            Step st = first(p, e, acceptDotDot);
            if (st.invalid()) return false;
            e = st.next();
            if (e >= PATH_MAX) return false;
            if (e >= p.length()) return true;
        }
    }

    /** path_is_safe(): valid and without "..". */
    public static boolean isSafe(String p) {
        return isValid(p, false);
    }

    /** path_is_normalized(). */
    public static boolean isNormalized(String p) {
        if (!isSafe(p)) return false;
        if (p.equals(".") || p.startsWith("./") || p.endsWith("/.") || p.contains("/./")) return false;
        return !p.contains("//");
    }

    /** path_join(): a "/" between parts unless one is already there; empty parts skipped. */
    public static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        boolean slash = true;
        for (String p : parts) {
            if (p == null || p.isEmpty()) continue;
            if (!slash && p.charAt(0) != '/') b.append('/');
            b.append(p);
            slash = p.endsWith("/");
        }
        return b.toString();
    }
}
