package dev.stagehand.input;

import dev.stagehand.systemd.Latin1;
import dev.stagehand.systemd.Strings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The process environment as bytes: /proc/self/environ read as a byte string, so a
 * SYSTEMD_PROC_CMDLINE with any bytes reaches the parser unchanged (System.getenv decodes
 * with the locale's charset). Falls back to System.getenv where /proc is not there.
 */
public final class ProcessEnvironment {
    private ProcessEnvironment() {}

    public static Map<String, String> read() {
        try {
            String all = Latin1.string(Files.readAllBytes(Path.of("/proc/self/environ")));
            Map<String, String> env = new HashMap<>();
            for (String kv : Strings.split(all, '\0')) {
                int eq = kv.indexOf('=');
                if (eq > 0) env.putIfAbsent(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return env;
        } catch (IOException | SecurityException e) {
            return System.getenv();
        }
    }
}
