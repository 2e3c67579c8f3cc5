package dev.stagehand.input;

import dev.stagehand.systemd.Latin1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An input file: where it is on the host, and the name messages and SourcePath= use. */
public record InputFile(Path host, String shownAs) {
    /** The content as a byte string, or null when the file does not exist. */
    public String read() throws IOException {
        if (host == null) return null;
        try {
            return Latin1.string(Files.readAllBytes(host));
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
