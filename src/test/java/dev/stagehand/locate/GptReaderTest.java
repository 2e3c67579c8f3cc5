package dev.stagehand.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GptReaderTest {
    static final String U1 = "a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b";
    static final String U2 = "a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b";
    static final String U7 = "a1b2c3d4-0007-4e5f-8a9b-0c1d2e3f4a5b";

    @TempDir
    Path dir;

    Gpt read(byte[] img, int bs, long diskBytes) throws Exception {
        Path f = dir.resolve("disk.img");
        Files.write(f, img);
        try (FileChannel ch = FileChannel.open(f)) {
            return GptReader.read(ch, bs, diskBytes);
        }
    }

    static GptImage three(int bs, long blocks) {
        return new GptImage(bs, blocks)
                .part(1, U1, 40, 99, "esp")
                .part(2, U2, 100, 199, "système")
                .part(7, U7, 200, 299, "root");
    }

    @Test
    void primaryHeaderEntriesAndNames() throws Exception {
        GptImage g = three(512, 2048);
        Gpt t = read(g.bytes(), 512, 2048 * 512L);
        assertThat(t.header()).isEqualTo(Gpt.Header.PRIMARY);
        assertThat(t.primaryDamage()).isNull();
        assertThat(t.diskGuid()).isEqualTo(GptImage.DISK_GUID);
        assertThat(t.entries()).extracting(GptEntry::number).containsExactly(1, 2, 7);
        assertThat(t.entry(2).name()).isEqualTo("système");
        assertThat(t.entry(7).uniqueGuid()).isEqualTo(U7);
        assertThat(t.entry(7).typeGuid()).isEqualTo(GptImage.LINUX);
        assertThat(t.entry(7).firstLba()).isEqualTo(200);
        assertThat(t.entry(3)).isNull();
    }

    @Test
    void guidTextIsMixedEndianAndLowerCase() {
        byte[] b = Guid.bytes("0FC63DAF-8483-4772-8E79-3D69D8477DE4");
        // the first three fields little-endian on disk, the rest as written
        assertThat(b[0]).isEqualTo((byte) 0xAF);
        assertThat(b[3]).isEqualTo((byte) 0x0F);
        assertThat(b[4]).isEqualTo((byte) 0x83);
        assertThat(b[8]).isEqualTo((byte) 0x8E);
        assertThat(Guid.text(b, 0)).isEqualTo("0fc63daf-8483-4772-8e79-3d69d8477de4");
        assertThat(Guid.bytes("0fc63daf-8483-4772-8e79-3d69d8477de")).isNull();
    }

    @Test
    void utf16NamesSurrogatesAndNamesWithoutNul() throws Exception {
        char[] full = new char[36];
        Arrays.fill(full, 'x');
        full[35] = 'z';
        GptImage g = new GptImage(512, 2048)
                .part(1, U1, 40, 99, "根\uD834\uDD1E") // a CJK letter and U+1D11E as a surrogate pair
                .partUnits(2, U2, 100, 199, full);
        Gpt t = read(g.bytes(), 512, 2048 * 512L);
        assertThat(t.entry(1).name()).isEqualTo("根𝄞");
        assertThat(t.entry(2).name()).hasSize(36).endsWith("xz"); // stops at the field's end
    }

    @Test
    void fourKibibyteSectors() throws Exception {
        GptImage g = three(4096, 512);
        Gpt t = read(g.bytes(), 4096, 512 * 4096L);
        assertThat(t.blockSize()).isEqualTo(4096);
        assertThat(t.entries()).hasSize(3);
        // read as 512-byte sectors, LBA 1 holds no header and the last 512 bytes are not the backup
        assertThatThrownBy(() -> read(g.bytes(), 512, 512 * 4096L))
                .isInstanceOf(GptReader.DamagedException.class)
                .hasMessageContaining("primary header: no \"EFI PART\" signature at LBA 1");
    }

    @Test
    void moreThan128Entries() throws Exception {
        GptImage g = new GptImage(512, 4096);
        g.entryCount = 256;
        for (int n = 1; n <= 256; n++)
            g.part(n, String.format("a1b2c3d4-%04x-4e5f-8a9b-0c1d2e3f4a5b", n), 100 + n, 100 + n, "p" + n);
        Gpt t = read(g.bytes(), 512, 4096 * 512L);
        assertThat(t.entries()).hasSize(256);
        assertThat(t.entry(200).name()).isEqualTo("p200");
    }

    @Test
    void damagedPrimaryHeaderUsesTheBackup() throws Exception {
        GptImage g = three(512, 2048);
        byte[] img = g.bytes();
        img[(int) g.primaryOffset() + 60] ^= 1; // the disk GUID, under the header CRC
        Gpt t = read(img, 512, 2048 * 512L);
        assertThat(t.header()).isEqualTo(Gpt.Header.BACKUP);
        assertThat(t.primaryDamage()).isEqualTo("header CRC32 does not match");
        assertThat(t.source()).isEqualTo("backup header (primary: header CRC32 does not match)");
        assertThat(t.entry(7).name()).isEqualTo("root");
    }

    @Test
    void damagedPrimaryEntriesUseTheBackup() throws Exception {
        GptImage g = three(512, 2048);
        byte[] img = g.bytes();
        img[2 * 512 + 6 * 128 + 56] = 'R'; // entry 7's name in the primary array
        Gpt t = read(img, 512, 2048 * 512L);
        assertThat(t.primaryDamage()).isEqualTo("entries array CRC32 does not match");
        assertThat(t.entry(7).name()).isEqualTo("root");
    }

    @Test
    void bothDamagedSaysWhyForEach() throws Exception {
        GptImage g = three(512, 2048);
        byte[] img = g.bytes();
        img[(int) g.primaryOffset()] = 'X';
        img[(int) g.backupOffset() + 60] ^= 1;
        assertThatThrownBy(() -> read(img, 512, 2048 * 512L))
                .isInstanceOf(GptReader.DamagedException.class)
                .hasMessage(
                        "primary header: no \"EFI PART\" signature at LBA 1; backup header: header CRC32 does not match");
    }

    @Test
    void protectiveMbrOnly() throws Exception {
        byte[] img = new byte[2048 * 512];
        img[446 + 4] = (byte) 0xEE;
        img[510] = 0x55;
        img[511] = (byte) 0xAA;
        assertThatThrownBy(() -> read(img, 512, img.length))
                .isInstanceOf(GptReader.DamagedException.class)
                .hasMessageContaining("no \"EFI PART\" signature at LBA 1")
                .hasMessageContaining("at LBA 2047");
    }

    @Test
    void truncatedImageIsDamagedNotACrash() throws Exception {
        GptImage g = three(512, 2048);
        byte[] img = Arrays.copyOf(g.bytes(), 512 + 300); // ends inside the primary header's block
        assertThatThrownBy(() -> read(img, 512, 2048 * 512L))
                .isInstanceOf(GptReader.DamagedException.class)
                .hasMessage("primary header: the header at LBA 1 ends after 300 of 512 bytes; "
                        + "backup header: the header at LBA 2047 ends after 0 of 512 bytes");
        byte[] cut = Arrays.copyOf(g.bytes(), 2 * 512 + 1000); // ends inside the entries array
        assertThatThrownBy(() -> read(cut, 512, 2048 * 512L))
                .hasMessageStartingWith("primary header: the entries array at LBA 2 ends after 1000 of 16384 bytes");
    }

    @Test
    void tooSmallDiskAndBadBlockSize() {
        assertThatThrownBy(() -> read(new byte[1024], 512, 1024)).hasMessageContaining("too small");
        assertThatThrownBy(() -> read(new byte[4096], 1000, 4096)).hasMessageContaining("block size 1000");
    }

    /** Sets an int field of the primary header, then seals it with a valid CRC: only the field is wrong. */
    static byte[] withPrimaryField(GptImage g, int field, long value, boolean asLong) {
        byte[] img = g.bytes();
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        int o = (int) g.primaryOffset() + field;
        if (asLong) b.putLong(o, value);
        else b.putInt(o, (int) value);
        GptImage.reseal(img, g.primaryOffset());
        return img;
    }

    @Test
    void absurdSizesAreRefusedBeforeAnyAllocation() throws Exception {
        GptImage g = three(512, 2048);
        assertThat(read(withPrimaryField(g, 80, 0xFFFFFFFFL, false), 512, 2048 * 512L)
                        .primaryDamage())
                .isEqualTo("4294967295 entries of 128 bytes are more than 1048576 bytes");
        assertThat(read(withPrimaryField(g, 84, 0x7FFFFFFF, false), 512, 2048 * 512L)
                        .primaryDamage())
                .isEqualTo("entry size 2147483647 is not 128 times a power of two");
        assertThat(read(withPrimaryField(g, 84, 0, false), 512, 2048 * 512L).primaryDamage())
                .isEqualTo("entry size 0 is not 128 times a power of two");
        assertThat(read(withPrimaryField(g, 72, Long.MAX_VALUE, true), 512, 2048 * 512L)
                        .primaryDamage())
                .isEqualTo("the entries array at LBA 9223372036854775807 is not on the disk");
        assertThat(read(withPrimaryField(g, 72, -1, true), 512, 2048 * 512L).primaryDamage())
                .isEqualTo("the entries array at LBA 18446744073709551615 is not on the disk");
        assertThat(read(withPrimaryField(g, 24, 5, true), 512, 2048 * 512L).primaryDamage())
                .isEqualTo("header says it is at LBA 5, read at 1");
        assertThat(read(withPrimaryField(g, 48, 1L << 40, true), 512, 2048 * 512L)
                        .primaryDamage())
                .isEqualTo("usable LBAs 34-1099511627776 do not fit a disk of 2048 blocks");
    }

    @Test
    void headerSizeOutOfRange() throws Exception {
        GptImage g = three(512, 2048);
        byte[] img = g.bytes();
        ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).putInt((int) g.primaryOffset() + 12, 0xFFFFFFF0);
        assertThat(read(img, 512, 2048 * 512L).primaryDamage())
                .isEqualTo("header size 4294967280 is not from 92 to 512");
        ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).putInt((int) g.primaryOffset() + 12, 91);
        assertThat(read(img, 512, 2048 * 512L).primaryDamage()).isEqualTo("header size 91 is not from 92 to 512");
    }

    @Test
    void randomDamageNeverThrowsAnythingElse() throws Exception {
        GptImage g = three(512, 128);
        g.entryCount = 16;
        byte[] good = g.bytes();
        Random r = new Random(17);
        int backup = 0, damaged = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] img = good.clone();
            int flips = 1 + r.nextInt(8);
            for (int k = 0; k < flips; k++) {
                // headers and entry arrays: where the reader looks
                int region = r.nextInt(4);
                int at = switch (region) {
                    case 0 -> 512 + r.nextInt(92);
                    case 1 -> 1024 + r.nextInt(16 * 128);
                    case 2 -> (int) g.backupOffset() + r.nextInt(92);
                    default -> r.nextInt(img.length);
                };
                img[at] = (byte) r.nextInt(256);
            }
            if (r.nextBoolean()) { // a bad value under a good CRC, to get past the CRC check
                GptImage.reseal(img, g.primaryOffset());
                GptImage.reseal(img, g.backupOffset());
            }
            if (r.nextInt(10) == 0) img = Arrays.copyOf(img, r.nextInt(img.length));
            byte[] disk = img;
            GptReader.Disk mem = (dst, pos) -> {
                if (pos >= disk.length) return -1;
                int n = (int) Math.min(dst.remaining(), disk.length - pos);
                dst.put(disk, (int) pos, n);
                return n;
            };
            try {
                Gpt t = GptReader.read(mem, 512, good.length);
                if (t.header() == Gpt.Header.BACKUP) backup++;
                assertThat(t.entries().size()).isLessThanOrEqualTo(GptReader.MAX_ENTRIES_BYTES / 128);
            } catch (GptReader.DamagedException e) {
                damaged++;
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        assertThat(backup).isPositive();
        assertThat(damaged).isPositive();
    }

    @Test
    void aDiskThatCannotBeReadIsDamaged() throws IOException {
        Path f = dir.resolve("gone.img");
        Files.write(f, three(512, 2048).bytes());
        FileChannel ch = FileChannel.open(f);
        ch.close(); // as a disk that went away while read
        assertThatThrownBy(() -> GptReader.read(ch, 512, 2048 * 512L))
                .isInstanceOf(GptReader.DamagedException.class)
                .hasMessageStartingWith("primary header: cannot read the header at LBA 1");
    }
}
