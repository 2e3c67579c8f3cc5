package dev.stagehand.fetch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One attempt at one layer from one mirror: curl's output goes through this process, which
 * hashes it (when a checksum is asked for), into GNU tar, which extracts it into the tmpfs as
 * it arrives (no copy of the file is kept: memory stays at one buffer). tar is started once
 * the first bytes tell the format.
 * The attempt ends with null (extracted, checksum right) or the reason it failed.
 */
final class Transfer {
    private static final int BUFFER = 64 * 1024;
    private static final String NO_SPACE = "No space left on device";
    /** Free bytes below which a short write means a full tmpfs (a few pages: what tmpfs may keep back). */
    private static final long FULL_BELOW = 64 * 1024;

    /** The programs: curl's command line for the URL, GNU tar. */
    record Tools(Curl curl, String tar) {}

    private final Tools tools;
    private final Path where;

    Transfer(Tools tools, Path where) {
        this.tools = tools;
        this.where = where;
    }

    /** The tar command line: extract from standard input keeping owners, modes, xattrs (file capabilities, SELinux labels). */
    List<String> tarCommand(Compression c) {
        List<String> cmd = new ArrayList<>(List.of(
                tools.tar(),
                "--extract",
                "--file=-",
                "--directory=" + where,
                "--preserve-permissions",
                "--same-owner",
                "--numeric-owner",
                "--xattrs",
                "--xattrs-include=*"));
        cmd.addAll(c.tarOptions());
        return cmd;
    }

    /**
     * The checksum the file must have, and where it was said: {@code sumsUrl} null for root='s
     * #sha256=, else the SHA256SUMS it came from.
     */
    record Checksum(String sha256, String sumsUrl) {
        String mismatch(String url, String got) {
            if (sumsUrl == null) {
                return "checksum mismatch: " + url + " has sha256 " + got + ", root= expects " + sha256
                        + " (the server has another file; fix the URL or its #sha256=)";
            }
            return "checksum mismatch: " + url + " has sha256 " + got + ", " + sumsUrl + " says " + sha256
                    + " (the file and its checksum list on the server disagree: one of them is stale there)";
        }
    }

    /**
     * @param want the checksum the file must have, or null
     * @param bytes counts the bytes received, for the progress line
     */
    Failure run(String url, Checksum want, AtomicLong bytes) throws IOException, InterruptedException {
        // hashing costs CPU that the download and tar share (one vCPU in a VM): only when asked
        Sha256 digest = want == null ? null : new Sha256();
        Process curl = new ProcessBuilder(tools.curl().get(url))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        StderrTail curlSaid = new StderrTail(curl.getErrorStream(), "curl-stderr");
        Process tar = null;
        try (InputStream in = curl.getInputStream()) {
            byte[] buf = new byte[BUFFER];
            int head = readHead(in, buf);
            bytes.addAndGet(head);
            if (digest != null) digest.update(buf, 0, head);
            Compression c = Compression.of(buf, head);
            if (c == null) {
                int status = curl.waitFor();
                if (status != 0) return Curl.failure(status, curlSaid.text(), url);
                return Failure.nextMirror(url + " is not a tar archive ("
                        + (head == 0
                                ? "an empty file"
                                : "expected xz, zstd, gzip, bzip2" + " or a plain tar; the first bytes are "
                                        + HexFormat.ofDelimiter(" ").formatHex(buf, 0, Math.min(head, 8)))
                        + ")");
            }
            tar = new ProcessBuilder(tarCommand(c))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            StderrTail tarSaid = new StderrTail(tar.getErrorStream(), "tar-stderr");
            boolean tarTakes = write(tar.getOutputStream(), buf, head);
            for (int n; (n = in.read(buf)) > 0; ) {
                bytes.addAndGet(n);
                if (digest != null) digest.update(buf, 0, n);
                if (tarTakes) tarTakes = write(tar.getOutputStream(), buf, n);
                // tar stopped reading: if it failed, the rest is of no use (the checksum does not matter then)
                if (!tarTakes && !tar.isAlive() && tar.exitValue() != 0) break;
            }
            closeQuietly(tar.getOutputStream());
            boolean stoppedEarly = curl.isAlive() && !tarTakes;
            if (stoppedEarly) curl.destroy(); // tar failed: the rest of the download is of no use
            int tarStatus = tar.waitFor();
            int curlStatus = curl.waitFor();
            String tarText = tarStatus != 0 ? tarSaid.text() : "";
            // a full tmpfs is what stops everything; else curl's reason comes first (a cut
            // download makes tar complain about a truncated archive too, but only curl knows why)
            if (tarStatus != 0 && full(tarText, SizeCheck.usableSpace(where)))
                return Failure.stop("the tmpfs on " + where + " is full while extracting " + url + " ("
                        + firstError(tarText) + "); give a bigger rootsize= (see docs/fetch.md)");
            if (curlStatus != 0 && !stoppedEarly)
                return Curl.failure(curlStatus, curlSaid.text(), url).afterExtracting();
            if (tarStatus != 0) return tarFailure(tarText, c, url).afterExtracting();
            if (digest != null) {
                String got = HexFormat.of().formatHex(digest.digest());
                if (!want.sha256().equals(got))
                    return Failure.nextMirror(want.mismatch(url, got)).afterExtracting();
            }
            return null;
        } finally {
            if (curl.isAlive()) curl.destroyForcibly();
            if (tar != null && tar.isAlive()) tar.destroyForcibly();
        }
    }

    /** Reads until the format can be told (or the stream ends); returns how many bytes. */
    private static int readHead(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < Compression.HEAD) {
            int r = in.read(buf, n, Compression.HEAD - n);
            if (r < 0) break;
            n += r;
        }
        return n;
    }

    /** False when tar no longer reads (it ended, or failed). */
    private static boolean write(OutputStream out, byte[] buf, int n) {
        try {
            out.write(buf, 0, n);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // tar has gone already; its status says how it ended
        }
    }

    /**
     * Whether tar failed because the tmpfs is full: ENOSPC on a create, or a short write (GNU
     * tar says "Wrote only N of M bytes" for a file cut by ENOSPC), with next to nothing left.
     */
    static boolean full(String said, long freeBytes) {
        if (said.contains(NO_SPACE)) return true;
        return said.contains("Wrote only") && freeBytes < FULL_BELOW;
    }

    /** tar's (or its decompressor's) complaint, as one reason (a full tmpfs is told apart before). */
    static Failure tarFailure(String said, Compression c, String url) {
        String first = firstError(said);
        String lower = said.toLowerCase(Locale.ROOT);
        if (lower.contains("unexpected eof")
                || lower.contains("unexpected end")
                || lower.contains("premature end")
                || lower.contains("truncated")) {
            return Failure.nextMirror(
                    "the archive " + url + " is truncated (" + first + "); the file on the server is incomplete");
        }
        return Failure.nextMirror("tar (with " + c.program + ") could not extract " + url + ": " + first);
    }

    private static String firstError(String said) {
        for (String line : said.split("\n")) {
            if (!line.isBlank()) return line.strip();
        }
        return "no message";
    }
}
