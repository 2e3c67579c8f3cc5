package dev.stagehand.locate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What `stagehand locate` looks for: a GPT partition by its name (PARTLABEL=) or its unique GUID
 * (PARTUUID=), given as systemd takes them in fstab and root=, or as udev's link
 * /dev/disk/by-partlabel/NAME (NAME encoded as systemd's encode_devnode_name writes it: \xNN for
 * every byte outside [0-9A-Za-z#+-.:=@_] that is not part of a UTF-8 character).
 */
public record PartitionSpec(Kind kind, String value) {
    public enum Kind {
        PARTLABEL,
        PARTUUID
    }

    public static final String BY_PARTLABEL = "/dev/disk/by-partlabel/";
    public static final String BY_PARTUUID = "/dev/disk/by-partuuid/";

    /** A spec that cannot be used; the message says what was expected. */
    public static final class BadSpecException extends Exception {
        public BadSpecException(String message) {
            super(message);
        }
    }

    public static PartitionSpec parse(String text) throws BadSpecException {
        if (text.startsWith("PARTLABEL=")) return label(text.substring(10), text);
        if (text.startsWith(BY_PARTLABEL)) return label(unescape(text.substring(BY_PARTLABEL.length())), text);
        if (text.startsWith("PARTUUID=")) return uuid(text.substring(9), text);
        if (text.startsWith(BY_PARTUUID)) return uuid(text.substring(BY_PARTUUID.length()), text);
        throw new BadSpecException("\"" + text + "\" is not a partition: expected PARTLABEL=NAME, PARTUUID=GUID, "
                + BY_PARTLABEL + "NAME or " + BY_PARTUUID + "GUID");
    }

    private static PartitionSpec label(String name, String text) throws BadSpecException {
        if (name.isEmpty()) throw new BadSpecException("\"" + text + "\" names no partition label");
        if (name.length() > GptReader.NAME_UNITS) {
            throw new BadSpecException(
                    "\"" + text + "\": a GPT partition name has at most 36 UTF-16 units, this has " + name.length());
        }
        return new PartitionSpec(Kind.PARTLABEL, name);
    }

    private static PartitionSpec uuid(String guid, String text) throws BadSpecException {
        if (guid.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{2}")) {
            throw new BadSpecException(
                    "\"" + text + "\" is an MBR partition's PARTUUID (disk signature-partition number); "
                            + "stagehand locate reads GPT only, udev's link /dev/disk/by-partuuid/ still finds it");
        }
        if (Guid.bytes(guid) == null) {
            throw new BadSpecException("\"" + text + "\" is not a GPT partition GUID: expected 8-4-4-4-12 hex digits");
        }
        return new PartitionSpec(Kind.PARTUUID, guid.toLowerCase(Locale.ROOT));
    }

    /** udev's \xNN escapes back to bytes, read as UTF-8 (the encoding blkid gives the GPT's names). */
    static String unescape(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\\' && i + 3 < in.length && in[i + 1] == 'x' && hex(in[i + 2]) >= 0 && hex(in[i + 3]) >= 0) {
                out.write(hex(in[i + 2]) * 16 + hex(in[i + 3]));
                i += 3;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /** Printable ASCII only: then the kernel's PARTNAME= is the GPT name exactly (Uevent). */
    public boolean labelIsPrintableAscii() {
        for (int i = 0; i < value.length(); i++) if (value.charAt(i) < 0x20 || value.charAt(i) > 0x7e) return false;
        return true;
    }

    public boolean matches(GptEntry e) {
        return kind == Kind.PARTLABEL ? e.name().equals(value) : e.uniqueGuid().equals(value);
    }

    @Override
    public String toString() {
        return kind + "=" + value;
    }
}
