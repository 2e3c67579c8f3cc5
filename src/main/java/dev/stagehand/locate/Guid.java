package dev.stagehand.locate;

import java.util.HexFormat;

/**
 * A GPT GUID as blkid prints it: the first three fields are stored little-endian on disk, the
 * last two big-endian ("mixed-endian"), written lower-case with dashes (8-4-4-4-12).
 */
public final class Guid {
    private Guid() {}

    private static final HexFormat HEX = HexFormat.of();

    /** The text of the 16 bytes at offset off. */
    public static String text(byte[] b, int off) {
        StringBuilder s = new StringBuilder(36);
        for (int i = 3; i >= 0; i--) s.append(HEX.toHexDigits(b[off + i]));
        s.append('-');
        for (int i = 5; i >= 4; i--) s.append(HEX.toHexDigits(b[off + i]));
        s.append('-');
        for (int i = 7; i >= 6; i--) s.append(HEX.toHexDigits(b[off + i]));
        s.append('-');
        for (int i = 8; i <= 9; i++) s.append(HEX.toHexDigits(b[off + i]));
        s.append('-');
        for (int i = 10; i <= 15; i++) s.append(HEX.toHexDigits(b[off + i]));
        return s.toString();
    }

    /** The 16 on-disk bytes of a GUID's text (either case); null if it is not 8-4-4-4-12 hex digits. */
    public static byte[] bytes(String text) {
        if (text == null
                || !text.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"))
            return null;
        byte[] t = HEX.parseHex(text.replace("-", ""));
        byte[] b = new byte[16];
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
        for (int i = 0; i < 16; i++) b[i] = t[order[i]];
        return b;
    }

    /** True if all 16 bytes are zero: an unused GPT entry has the zero type GUID. */
    public static boolean isZero(byte[] b, int off) {
        for (int i = 0; i < 16; i++) if (b[off + i] != 0) return false;
        return true;
    }
}
