package dev.stagehand.locate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads a disk's GUID partition table as the kernel's block/partitions/efi.c does: the primary
 * header at LBA 1, else the backup header at the last LBA, each with its header CRC32 and its
 * entries array's CRC32 checked, in the disk's logical block size. Everything it reads comes
 * from the disk, so every size is checked before it is used and no buffer is larger than
 * {@link #MAX_ENTRIES_BYTES}; a short read (a truncated image, a disk that went away) is a
 * damaged table, never an exception of another kind.
 */
public final class GptReader {
    /** The largest entries array read: 8,192 entries of 128 bytes (the usual 128 need 16 KiB). */
    public static final int MAX_ENTRIES_BYTES = 1 << 20;

    static final long SIGNATURE = 0x5452415020494645L; // "EFI PART", little-endian
    static final String NO_SIGNATURE = "no \"EFI PART\" signature";
    static final int MIN_HEADER_SIZE = 92;
    static final int ENTRY_SIZE = 128;
    static final int NAME_UNITS = 36;

    /** The table could not be read from either header; the message says why, for both. */
    public static final class DamagedException extends Exception {
        private final boolean noSignature;
        private boolean unopened;

        public DamagedException(String message) {
            this(message, false);
        }

        DamagedException(String message, boolean noSignature) {
            super(message);
            this.noSignature = noSignature;
        }

        /** The disk could not be opened at all (no node yet, or gone): nothing was read, a later look may. */
        public boolean unopened() {
            return unopened;
        }

        DamagedException unopenedDisk() {
            unopened = true;
            return this;
        }

        /** Neither header has the signature: no GPT at all (an MBR disk, a file system on the whole disk). */
        public boolean noSignature() {
            return noSignature;
        }
    }

    /** Positional reads from a disk: FileChannel::read, or a test's bytes. */
    @FunctionalInterface
    public interface Disk {
        /** Reads into dst from byte pos; -1 at the end. */
        int read(ByteBuffer dst, long pos) throws IOException;
    }

    private GptReader() {}

    public static Gpt read(FileChannel disk, int blockSize, long diskBytes) throws DamagedException {
        return read((Disk) disk::read, blockSize, diskBytes);
    }

    /**
     * @param blockSize the logical block size (sysfs queue/logical_block_size): 512 to 65536, a power of two
     * @param diskBytes the disk's size in bytes (sysfs size × 512); the backup header is in its last block
     */
    public static Gpt read(Disk disk, int blockSize, long diskBytes) throws DamagedException {
        if (blockSize < 512 || blockSize > 65536 || Integer.bitCount(blockSize) != 1) {
            throw new DamagedException("logical block size " + blockSize + " is not a power of two from 512 to 65536");
        }
        long lastLba = diskBytes / blockSize - 1;
        if (lastLba < 2) throw new DamagedException("the disk has " + diskBytes + " bytes, too small for a GPT");
        String primaryDamage;
        try {
            return parse(disk, blockSize, lastLba, 1, Gpt.Header.PRIMARY, null);
        } catch (DamagedException e) {
            primaryDamage = e.getMessage();
        }
        try {
            return parse(disk, blockSize, lastLba, lastLba, Gpt.Header.BACKUP, primaryDamage);
        } catch (DamagedException e) {
            boolean none =
                    primaryDamage.startsWith(NO_SIGNATURE) && e.getMessage().startsWith(NO_SIGNATURE);
            throw new DamagedException("primary header: " + primaryDamage + "; backup header: " + e.getMessage(), none);
        }
    }

    private static Gpt parse(Disk disk, int bs, long lastLba, long lba, Gpt.Header which, String primaryDamage)
            throws DamagedException {
        ByteBuffer h = readFully(disk, lba * bs, bs, "the header at LBA " + lba);
        if (h.getLong(0) != SIGNATURE) throw new DamagedException(NO_SIGNATURE + " at LBA " + lba);
        long headerSize = Integer.toUnsignedLong(h.getInt(12));
        if (headerSize < MIN_HEADER_SIZE || headerSize > bs) {
            throw new DamagedException("header size " + headerSize + " is not from " + MIN_HEADER_SIZE + " to " + bs);
        }
        int storedCrc = h.getInt(16);
        byte[] header = new byte[(int) headerSize];
        h.get(0, header);
        header[16] = header[17] = header[18] = header[19] = 0;
        if (crc(header) != storedCrc) throw new DamagedException("header CRC32 does not match");
        long myLba = h.getLong(24);
        if (myLba != lba)
            throw new DamagedException("header says it is at LBA " + Long.toUnsignedString(myLba) + ", read at " + lba);
        long firstUsable = h.getLong(40);
        long lastUsable = h.getLong(48);
        if (Long.compareUnsigned(firstUsable, lastLba) > 0
                || Long.compareUnsigned(lastUsable, lastLba) > 0
                || Long.compareUnsigned(lastUsable, firstUsable) < 0) {
            throw new DamagedException("usable LBAs " + Long.toUnsignedString(firstUsable) + "-"
                    + Long.toUnsignedString(lastUsable) + " do not fit a disk of " + (lastLba + 1) + " blocks");
        }
        byte[] diskGuid = new byte[16];
        h.get(56, diskGuid);
        long entriesLba = h.getLong(72);
        long count = Integer.toUnsignedLong(h.getInt(80));
        long size = Integer.toUnsignedLong(h.getInt(84));
        int entriesCrc = h.getInt(88);
        // efi.c takes only 128-byte entries; UEFI allows 128 × 2^n, whose first 128 bytes are the same fields
        if (size < ENTRY_SIZE || size > 4096 || Long.bitCount(size) != 1) {
            throw new DamagedException("entry size " + size + " is not 128 times a power of two");
        }
        long bytes = count * size; // both below 2^32: no overflow in a long
        if (bytes > MAX_ENTRIES_BYTES) {
            throw new DamagedException(
                    count + " entries of " + size + " bytes are more than " + MAX_ENTRIES_BYTES + " bytes");
        }
        if (Long.compareUnsigned(entriesLba, lastLba) > 0
                || entriesLba < 1
                || entriesLba * bs + bytes > (lastLba + 1) * bs) {
            throw new DamagedException(
                    "the entries array at LBA " + Long.toUnsignedString(entriesLba) + " is not on the disk");
        }
        ByteBuffer arr = readFully(disk, entriesLba * bs, (int) bytes, "the entries array at LBA " + entriesLba);
        byte[] all = new byte[(int) bytes];
        arr.get(0, all);
        if (crc(all) != entriesCrc) throw new DamagedException("entries array CRC32 does not match");
        List<GptEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int off = (int) (i * size);
            if (Guid.isZero(all, off)) continue; // unused
            entries.add(new GptEntry(
                    i + 1,
                    Guid.text(all, off),
                    Guid.text(all, off + 16),
                    arr.getLong(off + 32),
                    arr.getLong(off + 40),
                    name(arr, off + 56)));
        }
        return new Gpt(bs, which, primaryDamage, Guid.text(diskGuid, 0), entries);
    }

    /** The UTF-16LE name up to its first NUL, or all 36 units when it has none; code units kept as they are. */
    static String name(ByteBuffer b, int off) {
        StringBuilder s = new StringBuilder(NAME_UNITS);
        for (int i = 0; i < NAME_UNITS; i++) {
            char c = b.getChar(off + 2 * i);
            if (c == 0) break;
            s.append(c);
        }
        return s.toString();
    }

    private static int crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return (int) c.getValue();
    }

    /** length bytes at pos, little-endian; a short read means the disk ends there (or went away). */
    private static ByteBuffer readFully(Disk ch, long pos, int length, String what) throws DamagedException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (b.hasRemaining()) {
                int n = ch.read(b, pos + b.position());
                if (n < 0)
                    throw new DamagedException(what + " ends after " + b.position() + " of " + length + " bytes");
            }
        } catch (IOException e) {
            throw new DamagedException("cannot read " + what + ": " + e.getMessage());
        }
        return b;
    }
}
