package dev.stagehand.fetch;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Before the first byte: the size each layer's server announces (a HEAD request, one try per
 * mirror, until one answers with a Content-Length) against the free space of the tmpfs. The
 * compressed sizes are a lower bound of what extraction needs, so a sum above the free space
 * can never fit, and is said at once instead of after minutes of download. A server that does
 * not say is no failure: the download will tell.
 */
final class SizeCheck {
    private final Curl curl;
    private final Path where;
    private final PrintStream out;
    private final ToLongFunction<Path> free;

    /** @param free the free bytes of a folder's file system (tests give a small tmpfs without mounting one) */
    SizeCheck(Curl curl, Path where, PrintStream out, ToLongFunction<Path> free) {
        this.curl = curl;
        this.where = where;
        this.out = out;
        this.free = free;
    }

    static long usableSpace(Path where) {
        try {
            return Files.getFileStore(where).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // cannot tell: the download will
        }
    }

    /** The announced size of each layer (-1: not said), or null when they cannot fit (said why). */
    long[] announced(List<List<String>> layers) throws IOException, InterruptedException {
        long[] sizes = new long[layers.size()];
        long sum = 0;
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < layers.size(); i++) {
            sizes[i] = -1;
            for (String url : layers.get(i)) {
                sizes[i] = head(url);
                if (sizes[i] >= 0) break;
            }
            if (sizes[i] >= 0) {
                sum += sizes[i];
                each.append(each.isEmpty() ? "" : ", ")
                        .append("layer ")
                        .append(i + 1)
                        .append(": ")
                        .append(Progress.size(sizes[i]));
            }
        }
        long free = this.free.applyAsLong(where);
        if (sum > free) {
            out.println("stagehand: the layers are " + Progress.size(sum) + " compressed (" + each + "), more than the "
                    + Progress.size(free)
                    + " free in the tmpfs on " + where
                    + ", and extracted they need more; give a bigger rootsize= (see docs/fetch.md)."
                    + " Nothing was downloaded.");
            out.flush();
            return null;
        }
        if (sum > 0) {
            out.println("stagehand: the servers announce " + Progress.size(sum) + " compressed (" + each + "); "
                    + Progress.size(free) + " free in the tmpfs on " + where);
            out.flush();
        }
        return sizes;
    }

    /** The Content-Length a HEAD request gets, or -1. */
    private long head(String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(curl.head(url))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String headers = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
        return p.exitValue() == 0 ? Curl.contentLength(headers) : -1;
    }
}
