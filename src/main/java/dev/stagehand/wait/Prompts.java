package dev.stagehand.wait;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Passphrase prompts: systemd's agents ask through files named ask.* in the ask-password folder. */
public final class Prompts {
    /** Where systemd-ask-password puts its requests. */
    public static final Path ASK_DIR = Path.of("/run/systemd/ask-password");

    private Prompts() {}

    /** True while at least one request is open. */
    public static boolean open(Path askDir) {
        if (!Files.isDirectory(askDir)) return false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(askDir, "ask.*")) {
            return ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
