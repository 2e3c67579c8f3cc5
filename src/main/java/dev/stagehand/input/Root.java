package dev.stagehand.input;

import dev.stagehand.systemd.Latin1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The file system the inputs are read from: "/" at boot, or the folder named by
 * STAGEHAND_ROOT for golden tests, where every absolute input path is looked up below it.
 */
public final class Root {
    private final Path base;

    public Root(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    public static Root system() {
        return new Root(Path.of("/"));
    }

    public boolean isSystem() {
        return base.getNameCount() == 0;
    }

    public Path base() {
        return base;
    }

    /** The host path of an absolute logical path; null if the name cannot be a host path. */
    public Path host(String logical) {
        if (!isPlainAscii(logical)) {
            return null; // the JVM's file name charset may not map these bytes one to one
        }
        String rel = logical.startsWith("/") ? logical.substring(1) : logical;
        return rel.isEmpty() ? base : base.resolve(rel);
    }

    static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 126) return false;
        }
        return true;
    }

    public boolean exists(String logical) {
        Path p = host(logical);
        return p != null && Files.exists(p);
    }

    /** The file's bytes as a byte string, or null when it does not exist. */
    public String read(String logical) throws IOException {
        Path p = host(logical);
        if (p == null) return null;
        try {
            return Latin1.string(Files.readAllBytes(p));
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
