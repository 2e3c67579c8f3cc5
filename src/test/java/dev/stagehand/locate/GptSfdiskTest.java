package dev.stagehand.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader against util-linux's sfdisk (Debian's fdisk package; .ci/run installs it): tables
 * sfdisk wrote, read by GptReader, and GptImage's tables read by sfdisk, must agree entry by entry.
 */
class GptSfdiskTest {
    static final Path SFDISK = Path.of("/usr/sbin/sfdisk");

    @TempDir
    Path dir;

    record Row(int number, long start, String uuid, String name) {}

    static final Pattern LINE = Pattern.compile(
            "\\S+?(\\d+) : start=\\s*(\\d+), size=\\s*\\d+, type=[0-9A-F-]+, uuid=([0-9A-F-]+)(?:, name=\"([^\"]*)\")?");

    static String run(Path image, String input, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(SFDISK.toString()));
        cmd.addAll(List.of(args));
        cmd.add(image.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (input != null) p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    /** sfdisk --dump's partition lines; sfdisk prints GUIDs upper-case, blkid lower-case. */
    static List<Row> dump(Path image, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--dump");
        List<Row> rows = new ArrayList<>();
        for (String line : run(image, null, a.toArray(String[]::new)).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                rows.add(new Row(
                        Integer.parseInt(m.group(1)),
                        Long.parseLong(m.group(2)),
                        m.group(3).toLowerCase(),
                        m.group(4) == null ? "" : unescape(m.group(4))));
            }
        }
        return rows;
    }

    /** sfdisk --dump writes each byte of a name outside ASCII as \\xNN; the name is UTF-8. */
    static String unescape(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\x", i) && i + 4 <= s.length()) {
                b.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                b.write(s.charAt(i));
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    static List<Row> rows(Gpt t) {
        return t.entries().stream()
                .map(e -> new Row(e.number(), e.firstLba(), e.uniqueGuid(), e.name()))
                .toList();
    }

    Gpt read(Path image, int bs) throws Exception {
        try (FileChannel ch = FileChannel.open(image)) {
            return GptReader.read(ch, bs, Files.size(image));
        }
    }

    Path sfdiskImage(String script) throws Exception {
        Path img = dir.resolve("sf.img");
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        run(img, script, "--quiet");
        return img;
    }

    static final String SCRIPT = """
            label: gpt
            size=1MiB, name="esp"
            size=1MiB, name="système", uuid=A1B2C3D4-0002-4E5F-8A9B-0C1D2E3F4A5B
            size=1MiB
            size=1MiB, name="root_a"
            """;

    @Test
    void readsWhatSfdiskWrote() throws Exception {
        assumeTrue(Files.isExecutable(SFDISK), "sfdisk is not installed");
        // sfdisk (2.38) writes image files with 512-byte sectors only; 4096 is GptReaderTest's
        Path img = sfdiskImage(SCRIPT);
        Gpt t = read(img, 512);
        List<Row> expected = dump(img);
        assertThat(expected).hasSize(4);
        assertThat(rows(t)).isEqualTo(expected);
        assertThat(t.entry(2).uniqueGuid()).isEqualTo("a1b2c3d4-0002-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(t.entry(2).name()).isEqualTo("système");
    }

    @Test
    void aPrimaryHeaderSfdiskWroteAndWeDamagedFallsBackToItsBackup() throws Exception {
        assumeTrue(Files.isExecutable(SFDISK), "sfdisk is not installed");
        Path img = sfdiskImage(SCRIPT);
        List<Row> expected = dump(img);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(512 + 40); // first usable LBA, under the header CRC
            f.write(0x7f);
        }
        Gpt t = read(img, 512);
        assertThat(t.header()).isEqualTo(Gpt.Header.BACKUP);
        assertThat(rows(t)).isEqualTo(expected);
    }

    @Test
    void sfdiskReadsWhatTheTestHelperWrites() throws Exception {
        assumeTrue(Files.isExecutable(SFDISK), "sfdisk is not installed");
        GptImage g = new GptImage(512, 8192);
        g.entryCount = 200;
        for (int n = 1; n <= 200; n += 3) {
            g.part(
                    n,
                    String.format("a1b2c3d4-%04x-4e5f-8a9b-0c1d2e3f4a5b", n),
                    2048 + 10L * n,
                    2048 + 10L * n + 9,
                    n == 199 ? "zuletzt_ä" : "part" + n);
        }
        Path img = g.write(dir.resolve("helper.img"));
        List<Row> fromSfdisk = dump(img);
        assertThat(fromSfdisk).hasSize(67);
        assertThat(rows(read(img, 512))).isEqualTo(fromSfdisk);
    }
}
