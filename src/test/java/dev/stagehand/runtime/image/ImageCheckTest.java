package dev.stagehand.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCheckTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ImageCheck check = new ImageCheck(new PrintStream(out, true, StandardCharsets.UTF_8));

    /** An erofs superblock: 4 KiB blocks, {@code blocks} of them; the file is {@code size} bytes. */
    private Path erofs(String name, long blocks, int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1024, ImageCheck.EROFS_MAGIC);
        b.put(1024 + 12, (byte) 12);
        b.putInt(1024 + 36, (int) blocks);
        return Files.write(dir.resolve(name), b.array());
    }

    private Path squashfs(String name, long bytesUsed, int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, ImageCheck.SQUASHFS_MAGIC);
        b.putLong(40, bytesUsed);
        return Files.write(dir.resolve(name), b.array());
    }

    @Test
    void goodImagesAndTheOverlayFolders() throws IOException {
        Path e = erofs("root.erofs", 2, 8192);
        Path upper = Files.createDirectory(dir.resolve("overlay"));
        assertThat(check.run(e, "erofs", upper)).isEqualTo(0);
        assertThat(upper.resolve("upper")).isDirectory();
        assertThat(upper.resolve("work")).isDirectory();
        assertThat(check.run(squashfs("root.sqfs", 4096, 4096), null, null)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("root image " + e + " found");
    }

    @Test
    void missingListsTheFolder() throws IOException {
        erofs("root-a.erofs", 1, 4096);
        Files.createDirectory(dir.resolve("old"));
        assertThat(check.run(dir.resolve("root.erofs"), null, null)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("the root image " + dir.resolve("root.erofs") + " is not there")
                .contains(dir + " holds:")
                .contains("stagehand:   old/")
                .contains("stagehand:   root-a.erofs")
                .contains("going to emergency mode");
    }

    @Test
    void missingFolder() throws IOException {
        String m = ImageCheck.missing(dir.resolve("slot-b/root.erofs"));
        assertThat(m).contains("neither is its folder " + dir.resolve("slot-b")).contains(dir + " is empty");
    }

    @Test
    void wrongTypeCutShortAndNoImage() throws IOException {
        assertThat(check.problem(squashfs("s", 100, 100), "erofs")).contains("is squashfs, but rootfstype=erofs");
        assertThat(check.problem(erofs("short", 10, 8192), null))
                .contains("cut short")
                .contains("40960 bytes, the file has 8192");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThat(check.problem(text, null)).contains("is neither erofs nor squashfs");
        assertThat(check.problem(dir, null)).contains("is not a file");
    }
}
