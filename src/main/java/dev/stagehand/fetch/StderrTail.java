package dev.stagehand.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A child's standard error, read on a thread of its own (so the child never blocks on it), its last few KiB kept. */
final class StderrTail {
    private static final int KEEP = 8192;
    private final StringBuilder text = new StringBuilder();
    private final Thread reader;

    StderrTail(InputStream in, String name) {
        reader = Thread.ofPlatform().daemon().name(name).start(() -> {
            byte[] buf = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (text) {
                        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (text.length() > KEEP) text.delete(0, text.length() - KEEP);
                    }
                }
            } catch (IOException e) {
                // the child is gone: what it said so far is all there is
            }
        });
    }

    /** Everything kept, once the child has closed its end. */
    String text() throws InterruptedException {
        reader.join(5000);
        synchronized (text) {
            return text.toString();
        }
    }
}
