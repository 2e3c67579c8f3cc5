package dev.stagehand.systemd;

import java.util.Locale;

/**
 * Whether a device spec (UUID=, PARTUUID=, LABEL=, PARTLABEL= or a path below /dev) can name a
 * device at all. systemd turns any of them into a device unit and waits for it; a spec no device
 * can ever have (an empty UUID=, a PARTUUID in upper case, the folder /dev/disk/by-uuid) makes
 * that wait endless. The rules come from what names udev gives devices
 * (60-persistent-storage.rules: by-uuid and by-label from blkid's ID_FS_UUID_ENC and
 * ID_FS_LABEL_ENC, by-partuuid and by-partlabel from the partition table) and what libblkid can
 * report; docs/device-values.md lists them with their sources. Specs that are not tags and not
 * below /dev (tmpfs, server:/export, a file) are not device specs and pass.
 *
 * <p>A path below /dev is checked for its shape only: /dev/disk/by-uuid/NAME is how to name a
 * device whose link udev was told to make by a rule of one's own.
 */
public final class DeviceSpecs {
    private DeviceSpecs() {}

    static final String EXAMPLE_UUID = "0a0a0a0a-0000-4000-8000-00000000000a";
    /**
     * The longest name udev gives a by-uuid or by-label link: udev's blkid builtin encodes the
     * value into a 256-byte buffer and gives up when fewer than 4 bytes are left after a character.
     */
    static final int MAX_ENCODED = 252;
    /** A GPT partition name holds 36 UTF-16 code units. */
    static final int GPT_NAME_UNITS = 36;

    /** What the device spec is for: the UUID= of an encrypted volume is a LUKS (or BitLocker) UUID. */
    public enum Role {
        FILE_SYSTEM,
        ENCRYPTED
    }

    /**
     * Why a spec names no device: what was expected, and (if there is one) what to write instead.
     * Neither holds a double quote, so the message's {@code got "..."} part is the last quoted one.
     */
    public record Refusal(String expected, String hint) {
        /** "expected EXPECTED, got "WRITTEN"[; HINT]": the caller adds what it ignores. */
        public String message(String written) {
            return "expected " + expected + ", got \"" + written + "\"" + (hint == null ? "" : "; " + hint);
        }
    }

    /** Null if {@code spec} can name a device or is not a device spec; else why not. */
    public static Refusal check(String spec, Role role) {
        DeviceNodes.Tag t = DeviceNodes.tag(spec);
        if (t == null) return path(spec);
        String v = t.value();
        return switch (t.folder()) {
            case "uuid" -> role == Role.ENCRYPTED ? cryptUuid(v) : fsUuid(v);
            case "partuuid" -> partUuid(v);
            case "label" -> label(v);
            default -> partLabel(v);
        };
    }

    /**
     * A LUKS UUID as rd.luks.uuid= and rd.luks.name= take it (after "luks-"): systemd binds the
     * volume to /dev/disk/by-uuid/UUID, and cryptsetup writes every LUKS UUID in the 8-4-4-4-12
     * form (libuuid's), so nothing else can appear there.
     */
    public static Refusal checkLuksUuid(String uuid) {
        if (isDashedUuid(uuid, true)) return null;
        String hint = luksHint(uuid);
        if (hint == null && uuid.length() < 36 && hexAndDashes(uuid) && !allDashes(uuid)) {
            hint = "systemd needs the whole UUID (dracut's own rules also took its beginning)";
        }
        return new Refusal("a LUKS UUID (8-4-4-4-12 hex digits, such as " + EXAMPLE_UUID + ")", hint);
    }

    /**
     * "/dev/sda2" for a bare kernel device name such as "sda2" (root=sda2, as the kernel itself
     * takes it), else null. systemd passes such a word to mount as it is, which looks for a file
     * of that name in its working directory.
     */
    public static String devicePathFor(String word) {
        if (word.isEmpty() || word.charAt(0) < 'a' || word.charAt(0) > 'z') return null;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '/')) return null;
        }
        return "/dev/" + word;
    }

    private static Refusal fsUuid(String v) {
        boolean sawDigit = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (hexDigit(c, true)) sawDigit = true;
            else if (c != '-') return fsUuidRefusal(v);
        }
        return sawDigit ? null : fsUuidRefusal(v);
    }

    private static Refusal fsUuidRefusal(String v) {
        // every UUID blkid reports for a file system, swap or encrypted volume is hex digits and
        // dashes: RFC 4122 (ext4, xfs, btrfs, LUKS), 1234-ABCD (FAT, exFAT), 16 hex digits (NTFS),
        // a date (ISO 9660), a decimal number (ZFS)
        String hint = v.startsWith("UUID=") && fsUuid(v.substring(5)) == null ? "write UUID=" + v.substring(5) : null;
        return new Refusal(
                "UUID= and a file system UUID (hex digits and dashes, such as " + EXAMPLE_UUID + " or 1234-ABCD)",
                hint);
    }

    private static Refusal cryptUuid(String v) {
        if (isDashedUuid(v, true)) return null;
        return new Refusal("UUID= and a LUKS UUID (8-4-4-4-12 hex digits, such as " + EXAMPLE_UUID + ")", luksHint(v));
    }

    private static String luksHint(String v) {
        if (v.length() == 32 && allHex(v, true)) return "write it with dashes: " + dashed(v);
        if (v.startsWith("UUID=") && isDashedUuid(v.substring(5), true))
            return "write it without UUID=: " + v.substring(5);
        return null;
    }

    /** GPT: the entry's UUID; MBR: the disk signature and the partition number ("%08x-%02x"); udev names both in lower case. */
    private static Refusal partUuid(String v) {
        if (isDashedUuid(v, false) || isMbrPartUuid(v)) return null;
        String hint = null;
        String lower = v.toLowerCase(Locale.ROOT);
        if (v.contains("/PARTNROFF=")) hint = "/PARTNROFF= is the kernel's own syntax, which systemd does not read";
        else if (isDashedUuid(lower, false) || isMbrPartUuid(lower))
            hint = "udev names partitions in lower case: write PARTUUID=" + lower;
        else if (lower.length() == 32 && allHex(lower, false)) hint = "write it with dashes: PARTUUID=" + dashed(lower);
        return new Refusal(
                "PARTUUID= and a partition UUID in lower case (GPT: " + EXAMPLE_UUID + ", MBR: 0a0a0a0a-01)", hint);
    }

    private static Refusal label(String v) {
        String expected = "LABEL= and a file system label (not empty, no blank at its end, at most " + MAX_ENCODED
                + " bytes as udev escapes it)";
        if (v.isEmpty()) return new Refusal(expected, null);
        String trimmed = rtrim(v);
        if (trimmed.length() != v.length()) {
            return new Refusal(
                    expected,
                    "blkid drops the blanks at the end of a label"
                            + (trimmed.isEmpty() ? "" : ": write LABEL=" + trimmed));
        }
        if (DeviceNodes.encode(v).length() > MAX_ENCODED)
            return new Refusal(expected, "udev makes no link for a label this long");
        return null;
    }

    private static Refusal partLabel(String v) {
        String expected =
                "PARTLABEL= and a GPT partition name (1 to " + GPT_NAME_UNITS + " characters, no blank at its end)";
        if (v.isEmpty()) return new Refusal(expected, null);
        String trimmed = rtrim(v);
        if (trimmed.length() != v.length()) {
            return new Refusal(
                    expected,
                    "blkid drops the blanks at the end of a partition name"
                            + (trimmed.isEmpty() ? "" : ": write PARTLABEL=" + trimmed));
        }
        int units = utf16Units(v);
        if (units < 0) return new Refusal(expected, "it is not UTF-8, which blkid makes of every GPT name");
        if (units > GPT_NAME_UNITS) return new Refusal(expected, "it has " + units + " characters");
        return null;
    }

    /** Folders below /dev that udev (or the kernel) makes: never a device. */
    private static final String[] FOLDERS = {"", "disk", "mapper", "md", "block", "char"};
    /** The link folders whose names are one encoded value each. */
    private static final String[] VALUE_FOLDERS = {"by-uuid", "by-label", "by-partuuid", "by-partlabel"};

    private static Refusal path(String p) {
        String rest = Paths.startsWith(p, "/dev");
        if (rest == null) return null;
        if (!rest.isEmpty()) rest = Paths.simplify(rest);
        String expected = "the path of a device below /dev";
        for (String f : FOLDERS) {
            if (rest.equals(f)) return new Refusal(expected, "that is a folder, not a device");
        }
        if (rest.startsWith("disk/by-") && rest.indexOf('/', 5) < 0)
            return new Refusal(expected, "that is a folder of links, not a device");
        for (String f : VALUE_FOLDERS) {
            String name = rest.startsWith("disk/" + f + "/") ? rest.substring(6 + f.length()) : null;
            if (name != null && name.indexOf('/') >= 0) {
                return new Refusal(
                        expected, "udev writes a / inside these names as \\x2f, so each is one path component");
            }
        }
        return null;
    }

    private static boolean hexDigit(char c, boolean upperToo) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (upperToo && c >= 'A' && c <= 'F');
    }

    private static boolean allHex(String s, boolean upperToo) {
        for (int i = 0; i < s.length(); i++) if (!hexDigit(s.charAt(i), upperToo)) return false;
        return true;
    }

    private static boolean hexAndDashes(String s) {
        for (int i = 0; i < s.length(); i++) if (!hexDigit(s.charAt(i), true) && s.charAt(i) != '-') return false;
        return true;
    }

    private static boolean allDashes(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) != '-') return false;
        return true;
    }

    /** 8-4-4-4-12 hex digits. */
    static boolean isDashedUuid(String s, boolean upperToo) {
        if (s.length() != 36) return false;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !hexDigit(c, upperToo)) return false;
        }
        return true;
    }

    /** blkid's "%08x-%02x": the disk signature, a dash, the partition number in hex. */
    static boolean isMbrPartUuid(String s) {
        return s.length() >= 11
                && s.length() <= 17
                && s.charAt(8) == '-'
                && allHex(s.substring(0, 8), false)
                && allHex(s.substring(9), false);
    }

    private static String dashed(String hex32) {
        return hex32.substring(0, 8) + "-" + hex32.substring(8, 12) + "-" + hex32.substring(12, 16) + "-"
                + hex32.substring(16, 20) + "-" + hex32.substring(20);
    }

    /** blkid_rtrim_whitespace(): isspace() at the end removed. */
    private static String rtrim(String s) {
        int n = s.length();
        while (n > 0 && " \t\n\u000b\f\r".indexOf(s.charAt(n - 1)) >= 0) n--;
        return s.substring(0, n);
    }

    /** UTF-16 code units of a UTF-8 byte string (one char per byte), or -1 if it is not UTF-8. */
    private static int utf16Units(String s) {
        int units = 0;
        for (int i = 0; i < s.length(); ) {
            int n = Utf8.validSequenceLength(s, i);
            if (n < 0) return -1;
            units += n == 4 ? 2 : 1; // four UTF-8 bytes: a code point past U+FFFF, a surrogate pair
            i += n;
        }
        return units;
    }
}
