package dev.stagehand.fetch;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code #sha256sums}: a layer's checksum from the file SHA256SUMS in the same folder as the
 * layer's file on each mirror (the layout of distribution image folders, and what
 * systemd-importd's verify=checksum reads). curl fetches the list (small: at most
 * {@link #MAX_BYTES}); the line for the layer's file name gives the checksum, in sha256sum's
 * form ({@code HEX  NAME} or {@code HEX *NAME}) or the BSD form ({@code SHA256 (NAME) = HEX}).
 */
final class Sha256Sums {
    static final String NAME = "SHA256SUMS";
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern GNU = Pattern.compile("\\\\?([0-9A-Fa-f]{64}) [ *](.+)");
    private static final Pattern BSD = Pattern.compile("SHA256 \\((.+)\\) = ([0-9A-Fa-f]{64})");

    /** The checksum, or why there is none (then sha256 is null). */
    record Lookup(String sha256, String sumsUrl, Failure failure) {}

    private Sha256Sums() {}

    /** The URL of the SHA256SUMS beside {@code url}'s file (query and fragment dropped). */
    static String beside(String url) {
        String path = stripQuery(url);
        return path.substring(0, path.lastIndexOf('/') + 1) + NAME;
    }

    /** The file name the list names it by: the URL's last path part, percent-decoded. */
    static String fileName(String url) {
        String path = stripQuery(url);
        return percentDecode(path.substring(path.lastIndexOf('/') + 1));
    }

    /** The checksum the list gives for {@code name} (lower case), or null. */
    static String entry(String list, String name) {
        for (String raw : list.split("\n")) {
            String line = raw.strip();
            Matcher g = GNU.matcher(line);
            if (g.matches() && strip(g.group(2)).equals(name)) return g.group(1).toLowerCase(Locale.ROOT);
            Matcher b = BSD.matcher(line);
            if (b.matches() && strip(b.group(1)).equals(name)) return b.group(2).toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /** "./base.tar.xz" names the same file as "base.tar.xz". */
    private static String strip(String name) {
        return name.startsWith("./") ? name.substring(2) : name;
    }

    /** Fetches the list beside {@code url} with curl and looks the file up. */
    static Lookup lookup(Curl curl, String url) throws IOException, InterruptedException {
        String sumsUrl = beside(url);
        String name = fileName(url);
        List<String> cmd = curl.small(sumsUrl, MAX_BYTES);
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        StderrTail said = new StderrTail(p.getErrorStream(), "curl-stderr");
        byte[] body = readAtMost(p.getInputStream(), MAX_BYTES + 1);
        int status = p.waitFor();
        if (status == Curl.TOO_LARGE) {
            return new Lookup(
                    null,
                    sumsUrl,
                    Failure.nextMirror(sumsUrl + " is larger than " + Progress.size(MAX_BYTES)
                            + ": not a checksum list (#sha256sums wants sha256sum's output beside the file)"));
        }
        if (status != 0) {
            Failure f = Curl.failure(status, said.text(), sumsUrl);
            return new Lookup(
                    null,
                    sumsUrl,
                    new Failure(
                            f.next(),
                            "no checksum list for " + url + ": " + f.message() + " (#sha256sums wants a " + NAME
                                    + " beside the file; put one there, or give #sha256=HEX)",
                            false));
        }
        String sha = entry(new String(body, StandardCharsets.UTF_8), name);
        if (sha == null) {
            return new Lookup(
                    null,
                    sumsUrl,
                    Failure.nextMirror(sumsUrl + " has no line for " + name + " (expected \"HEX  " + name
                            + "\" as sha256sum writes it; add it there, or give #sha256=HEX)"));
        }
        return new Lookup(sha, sumsUrl, null);
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            if (out.size() < max) out.write(buf, 0, Math.min(n, max - out.size()));
        }
        return out.toByteArray();
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        int h = url.indexOf('#');
        int end = url.length();
        if (q >= 0) end = q;
        if (h >= 0 && h < end) end = h;
        return url.substring(0, end);
    }

    /** %XX to its byte (UTF-8); anything else as it is. */
    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
