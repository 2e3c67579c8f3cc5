package dev.stagehand.locate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Test helper: writes a GPT disk image (protective MBR, primary header at LBA 1 with its entries
 * at LBA 2, backup entries and header at the end) as UEFI lays it out, so tests can then damage
 * exactly the byte they mean to.
 */
final class GptImage {
    static final String LINUX = "0fc63daf-8483-4772-8e79-3d69d8477de4";
    static final String DISK_GUID = "11111111-2222-4333-8444-555555555555";

    record Part(int number, String uuid, long first, long last, char[] name) {}

    final int blockSize;
    final long blocks;
    int entryCount = 128;
    int entrySize = 128;
    final List<Part> parts = new ArrayList<>();

    GptImage(int blockSize, long blocks) {
        this.blockSize = blockSize;
        this.blocks = blocks;
    }

    GptImage part(int number, String uuid, long first, long last, String name) {
        parts.add(new Part(number, uuid, first, last, name.toCharArray()));
        return this;
    }

    /** A name of exactly these UTF-16 units (36 without a NUL fill the field). */
    GptImage partUnits(int number, String uuid, long first, long last, char[] units) {
        parts.add(new Part(number, uuid, first, last, units));
        return this;
    }

    long entriesBlocks() {
        return ((long) entryCount * entrySize + blockSize - 1) / blockSize;
    }

    long lastLba() {
        return blocks - 1;
    }

    /** Byte offset of the primary (LBA 1) and backup (last LBA) headers. */
    long primaryOffset() {
        return blockSize;
    }

    long backupOffset() {
        return lastLba() * blockSize;
    }

    byte[] bytes() {
        byte[] img = new byte[Math.toIntExact(blocks * blockSize)];
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        // protective MBR: one partition of type 0xEE over the disk
        b.put(446 + 4, (byte) 0xEE);
        b.putInt(446 + 8, 1);
        b.putInt(446 + 12, (int) Math.min(0xFFFFFFFFL, blocks - 1));
        b.put(510, (byte) 0x55).put(511, (byte) 0xAA);
        byte[] entries = new byte[entryCount * entrySize];
        ByteBuffer e = ByteBuffer.wrap(entries).order(ByteOrder.LITTLE_ENDIAN);
        for (Part p : parts) {
            int off = (p.number - 1) * entrySize;
            e.put(off, Guid.bytes(LINUX));
            e.put(off + 16, Guid.bytes(p.uuid));
            e.putLong(off + 32, p.first).putLong(off + 40, p.last);
            for (int i = 0; i < p.name.length && i < 36; i++) e.putChar(off + 56 + 2 * i, p.name[i]);
        }
        int entriesCrc = crc(entries, 0, entries.length);
        long backupEntries = lastLba() - entriesBlocks();
        System.arraycopy(entries, 0, img, 2 * blockSize, entries.length);
        System.arraycopy(entries, 0, img, Math.toIntExact(backupEntries * blockSize), entries.length);
        header(b, 1, lastLba(), 2, entriesCrc);
        header(b, lastLba(), 1, backupEntries, entriesCrc);
        return img;
    }

    private void header(ByteBuffer b, long my, long alternate, long entriesLba, int entriesCrc) {
        int o = Math.toIntExact(my * blockSize);
        b.putLong(o, GptReader.SIGNATURE);
        b.putInt(o + 8, 0x00010000);
        b.putInt(o + 12, 92);
        b.putLong(o + 24, my).putLong(o + 32, alternate);
        b.putLong(o + 40, 2 + entriesBlocks()).putLong(o + 48, lastLba() - entriesBlocks() - 1);
        b.put(o + 56, Guid.bytes(DISK_GUID));
        b.putLong(o + 72, entriesLba);
        b.putInt(o + 80, entryCount).putInt(o + 84, entrySize).putInt(o + 88, entriesCrc);
        b.putInt(o + 16, crc(b.array(), o, 92));
    }

    /** Sets the header CRC at header offset o again after a test changed a field. */
    static void reseal(byte[] img, long o) {
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        int at = Math.toIntExact(o);
        b.putInt(at + 16, 0);
        int len = b.getInt(at + 12);
        if (len < 92 || len > 512) len = 92; // a test made the size absurd: seal the fields the reader checks
        b.putInt(at + 16, crc(img, at, len));
    }

    static int crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }
}
