package dev.stagehand.fetch;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a layer is compressed, told by its first bytes (the URL's suffix may lie, and tar
 * cannot guess from a pipe), and the tar option that runs the matching decompressor: xz,
 * zstd, gzip or bzip2 as separate programs, reading the stream as it arrives.
 */
enum Compression {
    XZ("xz", "--xz", new int[] {0xFD, '7', 'z', 'X', 'Z', 0x00}),
    ZSTD("zstd", "--zstd", new int[] {0x28, 0xB5, 0x2F, 0xFD}),
    GZIP("gzip", "--gzip", new int[] {0x1F, 0x8B}),
    BZIP2("bzip2", "--bzip2", new int[] {'B', 'Z', 'h'}),
    NONE("tar", null, null);

    /** A plain tar has "ustar" at byte 257 (POSIX and GNU formats). */
    static final int USTAR_OFFSET = 257;
    /** How many bytes to look at: enough for the ustar magic. */
    static final int HEAD = USTAR_OFFSET + 5;

    final String program;
    private final String tarOption;
    private final int[] magic;

    Compression(String program, String tarOption, int[] magic) {
        this.program = program;
        this.tarOption = tarOption;
        this.magic = magic;
    }

    /** The tar options for it (none for a plain tar). */
    List<String> tarOptions() {
        return tarOption == null ? List.of() : List.of(tarOption);
    }

    /** What the first {@code n} bytes of {@code head} are, or null: neither compressed nor a tar archive. */
    static Compression of(byte[] head, int n) {
        for (Compression c : values()) {
            if (c.magic != null && startsWith(head, n, c.magic)) return c;
        }
        if (n >= HEAD && new String(head, USTAR_OFFSET, 5, StandardCharsets.ISO_8859_1).equals("ustar")) return NONE;
        return null;
    }

    private static boolean startsWith(byte[] head, int n, int[] magic) {
        if (n < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if ((head[i] & 0xFF) != magic[i]) return false;
        return true;
    }
}
