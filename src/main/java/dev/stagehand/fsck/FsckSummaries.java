package dev.stagehand.fsck;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-line results of checks that ended while a prompt was still open: written by
 * `stagehand fsck` (one file per device), printed and removed by the root wait when it ends,
 * which is after the passphrase (the root is on the locked device).
 */
public final class FsckSummaries {
    public static final Path DIR = Path.of("/run/stagehand/fsck");

    private FsckSummaries() {}

    /** Keeps {@code line} for the root wait; the file is written beside and renamed, so no half line is read. */
    public static void keep(Path dir, String device, String line) throws IOException {
        Files.createDirectories(dir);
        String name = device.replaceAll("[^A-Za-z0-9._-]", "_");
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, line + "\n", StandardCharsets.UTF_8);
        Files.move(
                tmp,
                dir.resolve(name + ".summary"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Prints every kept line, oldest name first, and removes it. Nothing kept, nothing printed. */
    public static void print(Path dir, PrintStream out) {
        if (!Files.isDirectory(dir)) return;
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.summary")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            return;
        }
        files.sort(null);
        for (Path f : files) {
            try {
                out.print(Files.readString(f, StandardCharsets.UTF_8));
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // a line lost from the console; the journal has it (stagehand fsck logged it too)
            }
        }
        out.flush();
    }
}
