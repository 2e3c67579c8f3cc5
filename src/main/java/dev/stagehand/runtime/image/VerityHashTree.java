package dev.stagehand.runtime.image;

import dev.stagehand.fetch.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * The root hash a dm-verity hash tree file stands for, read from its superblock and top block,
 * so that a wrong roothash= (or a hash tree of another image) is named before dm-verity is set
 * up: the kernel would only fail the first read of the mount with an I/O error. Only the top of
 * the tree is read; every other block is the kernel's to verify when it is read.
 *
 * <p>The layout is veritysetup's (libcryptsetup, "verity" superblock format 1): a 512-byte
 * superblock at the start of the file, then the tree from the next hash block on, its top
 * level (one block) first. The root hash is the digest of that block (of the image's only data
 * block when it has one), with the salt before it (hash type 1) or after it (type 0).
 */
final class VerityHashTree {
    static final byte[] SIGNATURE = "verity\0\0".getBytes(StandardCharsets.US_ASCII);
    static final int SUPERBLOCK = 512;

    /** What the superblock says. */
    record Header(int hashType, String algorithm, int dataBlockSize, int hashBlockSize, long dataBlocks, byte[] salt) {}

    private VerityHashTree() {}

    /** The superblock, or an IOException whose message says what is wrong with it. */
    static Header header(Path hashFile) throws IOException {
        ByteBuffer sb = read(hashFile, 0, SUPERBLOCK);
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (sb.get(i) != SIGNATURE[i])
                throw new IOException("it has no verity superblock (made by veritysetup format?)");
        }
        int version = sb.getInt(8), hashType = sb.getInt(12);
        byte[] alg = new byte[32];
        sb.get(32, alg);
        String algorithm = new String(alg, StandardCharsets.US_ASCII).replaceAll("\0.*", "");
        int dataBs = sb.getInt(0x40), hashBs = sb.getInt(0x44);
        long dataBlocks = sb.getLong(0x48);
        int saltSize = Short.toUnsignedInt(sb.getShort(0x50));
        if (version != 1 || hashType > 1 || saltSize > 256 || !power(dataBs) || !power(hashBs) || dataBlocks < 1) {
            throw new IOException("its verity superblock is not one veritysetup writes (version " + version
                    + ", hash type " + hashType + ")");
        }
        byte[] salt = new byte[saltSize];
        sb.get(0x58, salt);
        return new Header(hashType, algorithm, dataBs, hashBs, dataBlocks, salt);
    }

    /**
     * The root hash, hexadecimal: what veritysetup format printed for this tree; null when it is
     * not sha256 (veritysetup's default; stagehand has no other digest: MessageDigest would bring
     * every JDK security provider into the native binary, see fetch.Sha256), which leaves the
     * root hash to the kernel.
     */
    static String rootHash(Path image, Path hashFile) throws IOException {
        Header h = header(hashFile);
        if (!h.algorithm().equalsIgnoreCase("sha256")) return null;
        if (Files.size(image) < h.dataBlocks() * h.dataBlockSize()) {
            throw new IOException("its superblock says the image has " + h.dataBlocks() * h.dataBlockSize()
                    + " bytes, it has " + Files.size(image));
        }
        ByteBuffer top = h.dataBlocks() == 1
                ? read(image, 0, h.dataBlockSize())
                : read(
                        hashFile,
                        (SUPERBLOCK + h.hashBlockSize() - 1) / h.hashBlockSize() * (long) h.hashBlockSize(),
                        h.hashBlockSize());
        Sha256 d = new Sha256();
        if (h.hashType() == 1) d.update(h.salt(), 0, h.salt().length);
        d.update(top.array(), 0, top.capacity());
        if (h.hashType() == 0) d.update(h.salt(), 0, h.salt().length);
        return HexFormat.of().formatHex(d.digest());
    }

    private static boolean power(int n) {
        return n >= 512 && (n & (n - 1)) == 0;
    }

    private static ByteBuffer read(Path file, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (b.hasRemaining()) {
                if (ch.read(b, offset + b.position()) < 0)
                    throw new IOException("it is cut short (" + ch.size() + " bytes)");
            }
        }
        return b;
    }
}
