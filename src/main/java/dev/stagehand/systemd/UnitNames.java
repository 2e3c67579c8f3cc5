package dev.stagehand.systemd;

import java.util.Optional;
import java.util.Set;

/**
 * Unit name rules of systemd's unit-name.c: escaping (systemd-escape), path escaping,
 * validity, the hashed form of over-long names, and mangling of user-given dependencies.
 */
public final class UnitNames {
    /** UNIT_NAME_MAX counts the trailing NUL: a name has at most 255 bytes. */
    public static final int UNIT_NAME_MAX = 256;

    private static final String DIGITS = "0123456789";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String VALID_CHARS = DIGITS + LETTERS + ":-_.\\";
    private static final String VALID_CHARS_WITH_AT = "@" + VALID_CHARS;

    private static final Set<String> TYPES = Set.of(
            "service", "mount", "swap", "socket", "target", "device", "automount", "timer", "path", "slice", "scope");

    /** The LONG_UNIT_NAME_HASH_KEY of unit-name.c. */
    private static final byte[] LONG_NAME_HASH_KEY = {
        (byte) 0xec, (byte) 0xf2, (byte) 0x37, (byte) 0xfb, (byte) 0x58, (byte) 0x32, (byte) 0x4a, (byte) 0x32,
        (byte) 0x84, (byte) 0x9f, (byte) 0x06, (byte) 0x9b, (byte) 0x0d, (byte) 0x21, (byte) 0xeb, (byte) 0x9a
    };

    private UnitNames() {}

    /** Raised where systemd's unit-name functions return an error. */
    public static final class InvalidUnitNameException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidUnitNameException(String message) {
            super(message);
        }
    }

    public static boolean isValidType(String t) {
        return TYPES.contains(t);
    }

    private static String suffixType(String n) {
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? null : n.substring(dot + 1);
    }

    /** unit_name_is_valid() with UNIT_NAME_ANY (plain, instance or template). */
    public static boolean isValid(String n) {
        return isValid(n, true, true, true);
    }

    public static boolean isValid(String n, boolean plain, boolean instance, boolean template) {
        if (n == null || n.isEmpty() || n.length() >= UNIT_NAME_MAX) return false;
        int e = n.lastIndexOf('.');
        if (e <= 0) return false;
        if (!isValidType(n.substring(e + 1))) return false;
        int at = -1;
        for (int i = 0; i < e; i++) {
            char c = n.charAt(i);
            if (c == '@' && at < 0) at = i;
            if (VALID_CHARS_WITH_AT.indexOf(c) < 0) return false;
        }
        if (at == 0) return false;
        if (plain && at < 0) return true;
        if (instance && at >= 0 && e > at + 1) return true;
        return template && at >= 0 && e == at + 1;
    }

    private static void escapeChar(StringBuilder t, char c) {
        t.append('\\')
                .append('x')
                .append(Character.forDigit((c >> 4) & 0xf, 16))
                .append(Character.forDigit(c & 0xf, 16));
    }

    /** unit_name_escape(): "/" becomes "-", everything not plainly valid becomes \xNN. */
    public static String escape(String f) {
        StringBuilder t = new StringBuilder(f.length() * 2);
        int i = 0;
        if (!f.isEmpty() && f.charAt(0) == '.') {
            escapeChar(t, '.');
            i = 1;
        }
        for (; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '/') {
                t.append('-');
            } else if (c == '-' || c == '\\' || VALID_CHARS.indexOf(c) < 0) {
                escapeChar(t, c);
            } else {
                t.append(c);
            }
        }
        return t.toString();
    }

    /** unit_name_path_escape(): "/" is "-", otherwise the normalized path without outer slashes. */
    public static String pathEscape(String f) throws InvalidUnitNameException {
        String p = Paths.simplify(f);
        if (Paths.emptyOrRoot(p)) return "-";
        if (!Paths.isNormalized(p)) throw new InvalidUnitNameException("path \"" + f + "\" is not normalized");
        int end = p.length();
        while (end > 0 && p.charAt(end - 1) == '/') end--;
        int start = 0;
        while (start < end && p.charAt(start) == '/') start++;
        return escape(p.substring(start, end));
    }

    /** unit_name_from_path(): the unit for a path, hashed when too long. */
    public static String fromPath(String path, String suffix) throws InvalidUnitNameException {
        String s = pathEscape(path) + suffix;
        if (s.length() >= UNIT_NAME_MAX) s = hashLong(s);
        if (!isValid(s, true, false, false))
            throw new InvalidUnitNameException("\"" + s + "\" is not a valid unit name");
        return s;
    }

    /** unit_name_from_path_instance(): PREFIX@escaped-path.SUFFIX; too long is an error here. */
    public static String fromPathInstance(String prefix, String path, String suffix) throws InvalidUnitNameException {
        String s = prefix + "@" + pathEscape(path) + suffix;
        if (s.length() >= UNIT_NAME_MAX)
            throw new InvalidUnitNameException("unit name for \"" + path + "\" is too long");
        if (!isValid(s, false, true, false))
            throw new InvalidUnitNameException("\"" + s + "\" is not a valid unit name");
        return s;
    }

    /** unit_name_hash_long(): a 255-byte prefix of the name, "_", 16 hex digits of SipHash-2-4. */
    static String hashLong(String name) throws InvalidUnitNameException {
        String type = suffixType(name);
        if (type == null || !isValidType(type)) throw new InvalidUnitNameException("no unit type in \"" + name + "\"");
        long h = SipHash24.hash(Latin1.bytes(name + "\0"), LONG_NAME_HASH_KEY); // siphash24_string() hashes the NUL too
        StringBuilder hex = new StringBuilder(16);
        for (int i = 0; i < 8; i++) { // little endian, as htole64 + hexmem
            int b = (int) (h >>> (8 * i)) & 0xff;
            hex.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        int len = UNIT_NAME_MAX - 1 - type.length() - 16 - 2;
        return name.substring(0, len) + "_" + hex + "." + type;
    }

    /** unit_name_replace_instance() for template names "foo@.service". */
    public static String instantiate(String template, String instance) {
        int at = template.indexOf('@');
        int dot = template.lastIndexOf('.');
        return template.substring(0, at + 1) + instance + template.substring(dot);
    }

    /**
     * unit_name_mangle_with_suffix() without glob support: a valid name is kept, an absolute
     * path becomes its .device or .mount unit, anything else is escaped and given the suffix.
     */
    public static Optional<String> mangle(String name, String suffix) {
        if (name.isEmpty()) return Optional.empty();
        if (isValid(name)) return Optional.of(name);
        if (Paths.isAbsolute(name)) {
            String n = Paths.simplify(name);
            if (Paths.isDevicePath(n)) {
                try {
                    return Optional.of(fromPath(n, ".device"));
                } catch (InvalidUnitNameException e) {
                    // fall through to .mount, as systemd does on EINVAL
                }
            }
            try {
                return Optional.of(fromPath(n, ".mount"));
            } catch (InvalidUnitNameException e) {
                // fall through to plain mangling
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                s.append('-');
            } else if (VALID_CHARS_WITH_AT.indexOf(c) < 0) {
                escapeChar(s, c);
            } else {
                s.append(c);
            }
        }
        int dot = s.lastIndexOf(".");
        if (dot < 0 || !isValidType(s.substring(dot + 1))) s.append(suffix);
        String out = s.toString();
        return isValid(out) ? Optional.of(out) : Optional.empty();
    }
}
