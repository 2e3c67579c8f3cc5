package dev.stagehand.fetch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * What an earlier attempt left in the tmpfs (a `stagehand retry` after a failed download, with
 * other URLs): removed before the first layer, so that the new root is the new layers only.
 * Only on a tmpfs, never across a mount point, never "/": the folder must be the download's own.
 */
final class SysrootTmpfs {
    private SysrootTmpfs() {}

    /** Empties {@code where} if it holds anything; returns what to say, or null. */
    static String clear(Path where) throws IOException {
        if (where.toAbsolutePath().normalize().getNameCount() == 0) return null;
        if (!"tmpfs".equals(Files.getFileStore(where).type())) return null;
        return empty(where);
    }

    /** Empties {@code where} (whatever it is on, never across a mount point); returns what to say, or null. Tests call it on a folder. */
    static String empty(Path where) throws IOException {
        try (Stream<Path> s = Files.list(where)) {
            if (s.findAny().isEmpty()) return null;
        }
        Object dev = Files.getAttribute(where, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        long[] removed = {0};
        Files.walkFileTree(where, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                // a mount inside (e.g. /sysroot/proc bound by something) is not ours to empty
                return dev.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))
                        ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                removed[0]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (!dir.equals(where)) {
                    try {
                        Files.delete(dir);
                    } catch (DirectoryNotEmptyException keep) {
                        // it holds a mount point: left in place
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return "removed " + removed[0] + " files of an earlier attempt from " + where;
    }

    /**
     * mount -o remount,size=SIZE on the tmpfs: systemd keeps a mounted unit as it is when a
     * reload changes its options, so `stagehand retry --set rootsize=...` takes effect here.
     * Returns what to say when it failed, else null.
     */
    static String resize(String mount, Path where, String size) throws IOException, InterruptedException {
        if (!"tmpfs".equals(Files.getFileStore(where).type())) return null;
        Process p = new ProcessBuilder(mount, "-o", "remount,size=" + size, "--", where.toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() == 0) return null;
        return "could not set size=" + size + " on the tmpfs " + where
                + (said.isEmpty() ? "" : " (" + said.lines().findFirst().orElse("") + ")") + "; going on with its size";
    }
}
