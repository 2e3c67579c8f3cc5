package dev.stagehand.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Our process id, from /proc/self (works the same on the JVM and in the native image). */
public final class Pid {
    private static long cached = -1;

    private Pid() {}

    public static synchronized long current() {
        if (cached < 0) {
            try {
                cached = Long.parseLong(
                        Files.readSymbolicLink(Path.of("/proc/self")).toString());
            } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
                cached = 0; // no /proc: the pid only decorates log lines
            }
        }
        return cached;
    }
}
