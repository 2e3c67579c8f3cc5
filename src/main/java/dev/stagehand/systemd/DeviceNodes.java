package dev.stagehand.systemd;

/** fstab_node_to_udev_node(): LABEL=, UUID=, PARTUUID=, PARTLABEL= to /dev/disk/by-* paths. */
public final class DeviceNodes {
    private DeviceNodes() {}

    private static final String[][] TAGS = {
        {"LABEL=", "label"}, {"UUID=", "uuid"}, {"PARTUUID=", "partuuid"}, {"PARTLABEL=", "partlabel"},
    };

    public static String toUdevNode(String p) {
        Tag t = tag(p);
        return t == null ? p : "/dev/disk/by-" + t.folder() + "/" + encode(t.value());
    }

    /**
     * A device named by a tag: {@code written} is the tag as written ("UUID="), {@code folder}
     * the udev folder it stands for ("uuid"), {@code value} what follows, one pair of outer quotes
     * removed.
     */
    public record Tag(String written, String folder, String value) {}

    /** The tag of {@code p} (LABEL=..., UUID=..., PARTUUID=..., PARTLABEL=...), or null for anything else. */
    public static Tag tag(String p) {
        for (String[] tag : TAGS) {
            if (p.startsWith(tag[0])) return new Tag(tag[0], tag[1], unquote(p.substring(tag[0].length())));
        }
        return null;
    }

    /** Whether {@code p} names a device by tag (LABEL=...) rather than by path. */
    public static boolean isTag(String p) {
        for (String[] tag : TAGS) {
            if (p.startsWith(tag[0])) return true;
        }
        return false;
    }

    /** fstab-util's unquote(): strips one pair of matching outer quotes, nothing else. */
    private static String unquote(String s) {
        if (s.length() < 2) return s;
        char q = s.charAt(0);
        if ((q == '"' || q == '\'') && s.charAt(s.length() - 1) == q) return s.substring(1, s.length() - 1);
        return s;
    }

    private static boolean allowed(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || "#+-.:=@_".indexOf(c) >= 0;
    }

    /** encode_devnode_name(): valid multi-byte UTF-8 kept, other unsafe bytes as \xNN. */
    public static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            int n = Utf8.validSequenceLength(s, i);
            char c = s.charAt(i);
            if (n > 1) {
                b.append(s, i, i + n);
                i += n - 1;
            } else if (c == '\\' || !allowed(c)) {
                b.append("\\x").append(Strings.hex2(c & 0xff));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
