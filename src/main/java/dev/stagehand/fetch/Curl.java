package dev.stagehand.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * curl does every transfer (HTTP, TLS, redirects, proxies): this class only builds its command
 * lines and reads its answers. Redirects may go to http and https only (not to file:// or
 * anything else a server could name); a transfer without a byte for {@code stallSeconds} is
 * given up (and tried again), as is a connection not made within {@code connectSeconds}.
 */
final class Curl {
    private static final Pattern HTTP_ERROR = Pattern.compile("returned error: (\\d{3})");
    private static final Pattern CURL_LINE = Pattern.compile("curl: \\((\\d+)\\) (.*)");
    /** curl's exit status for a file larger than --max-filesize. */
    static final int TOO_LARGE = 63;

    private final String program;
    private final int connectSeconds, stallSeconds;

    Curl(String program, int connectSeconds, int stallSeconds) {
        this.program = program;
        this.connectSeconds = connectSeconds;
        this.stallSeconds = stallSeconds;
    }

    private List<String> common() {
        List<String> c = new ArrayList<>(List.of(
                program,
                "--silent",
                "--show-error",
                "--fail",
                "--location",
                "--max-redirs",
                "10",
                "--proto",
                "=http,https",
                "--proto-redir",
                "=http,https",
                "--user-agent",
                "stagehand-fetch",
                "--connect-timeout",
                Integer.toString(connectSeconds)));
        return c;
    }

    /** The download: the body on standard output. */
    List<String> get(String url) {
        List<String> c = common();
        c.addAll(List.of("--speed-limit", "1", "--speed-time", Integer.toString(stallSeconds), url));
        return c;
    }

    /** A small file (a checksum list) on standard output: curl refuses one larger than {@code maxBytes} (exit status {@link #TOO_LARGE}). */
    List<String> small(String url, int maxBytes) {
        List<String> c = common();
        c.addAll(List.of(
                "--max-filesize",
                Integer.toString(maxBytes),
                "--speed-limit",
                "1",
                "--speed-time",
                Integer.toString(stallSeconds),
                url));
        return c;
    }

    /** The size question: the headers (of every redirect) on standard output. */
    List<String> head(String url) {
        List<String> c = common();
        c.addAll(List.of("--head", "--max-time", Integer.toString(connectSeconds * 2), url));
        return c;
    }

    /** The Content-Length of the last response of a --head output (after redirects), or -1. */
    static long contentLength(String headers) {
        long length = -1;
        for (String line : headers.split("\r?\n")) {
            if (line.startsWith("HTTP/")) length = -1; // a new response (a redirect's target)
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-length")) {
                try {
                    length = Long.parseLong(line.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    length = -1;
                }
            }
        }
        return length;
    }

    /** What curl's exit status and its message (its standard error) mean for the next attempt. */
    static Failure failure(int status, String stderr, String url) {
        String said = said(stderr);
        Matcher m = HTTP_ERROR.matcher(stderr);
        if (status == 22 && m.find()) {
            int code = Integer.parseInt(m.group(1));
            String text = "HTTP " + code + " from " + url;
            if (code >= 500 || code == 408 || code == 425 || code == 429)
                return Failure.retry(text + " (the server may recover)");
            return Failure.nextMirror(text + (code == 404 ? " (no such file there)" : ""));
        }
        return switch (status) {
            case 6 -> Failure.retry("cannot resolve the host name of " + url + ": " + said);
            case 7 -> Failure.retry("cannot connect to " + url + ": " + said);
            case 28 -> Failure.retry("no answer in time from " + url + ": " + said);
            case 18 -> Failure.retry("the download of " + url + " was cut short (truncated): " + said);
            case 52, 55, 56, 16, 92 -> Failure.retry("the connection to " + url + " broke: " + said);
            case 35, 51, 58, 60, 77, 83, 90, 91 ->
                Failure.nextMirror("TLS failed for " + url + ": " + said
                        + " (the initrd needs the CA that signed the server's certificate, see docs/fetch.md)");
            case 1, 3, 47 -> Failure.nextMirror("curl cannot fetch " + url + ": " + said);
            default -> Failure.retry("curl failed on " + url + " (exit status " + status + "): " + said);
        };
    }

    /** curl's own words: the text of its last "curl: (N) ..." line, else its last line. */
    static String said(String stderr) {
        String last = "";
        for (String line : stderr.split("\n")) {
            Matcher m = CURL_LINE.matcher(line.strip());
            if (m.matches()) last = m.group(2);
            else if (!line.isBlank() && last.isEmpty()) last = line.strip();
        }
        return last.isEmpty() ? "no message" : last;
    }
}
