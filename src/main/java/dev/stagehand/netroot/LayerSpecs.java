package dev.stagehand.netroot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The syntax of a network root, shared by the generator (which refuses a bad one) and by
 * `stagehand fetch` (which reads what the generator wrote): {@code root=} holds layers
 * separated by {@code ,}, extracted in order; a layer holds mirrors separated by {@code |},
 * each a full http:// or https:// URL, tried in order; any mirror may end in
 * {@code #sha256=HEX}, the checksum of the layer's file, or in {@code #sha256sums}: the checksum
 * is the line for the file's name in the file SHA256SUMS in the same folder of each mirror (as
 * systemd-importd's verify=checksum takes it). {@code %hostname}, {@code %fqdn} and
 * {@code %%} are left as they are here: the host name is known only at boot (DHCP).
 */
public final class LayerSpecs {
    /**
     * One layer: its mirrors (without the fragment), its checksum (64 lower-case hex digits) or
     * null, and whether the checksum is to be read from the SHA256SUMS beside each mirror's file.
     */
    public record Layer(List<String> mirrors, String sha256, boolean sha256sums) {
        public Layer {
            mirrors = List.copyOf(mirrors);
        }

        public Layer(List<String> mirrors, String sha256) {
            this(mirrors, sha256, false);
        }

        /** The layer as root= spells it, checksum on the last mirror (what `stagehand fetch --layer=` takes). */
        public String spec() {
            return String.join("|", mirrors) + (sha256 != null ? SHA256 + sha256 : sha256sums ? SHA256SUMS : "");
        }
    }

    /** The parsed layers, or the reason the value is refused (then layers is empty). */
    public record Parsed(List<Layer> layers, String refusal) {}

    private static final String SHA256 = "#sha256=";
    private static final String SHA256SUMS = "#sha256sums";

    private LayerSpecs() {}

    /** Whether root= asks for a downloaded root (the scheme, in any case: a typo in case is refused with a message, not taken as a device). */
    public static boolean isNetworkRoot(String root) {
        String r = root.toLowerCase(Locale.ROOT);
        return r.startsWith("http://") || r.startsWith("https://");
    }

    /** The layers of a root= value (several) or of one --layer= (one layer: no comma allowed). */
    public static Parsed parse(String value) {
        List<Layer> layers = new ArrayList<>();
        String[] parts = value.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String where = parts.length > 1 ? "layer " + (i + 1) + ": " : "";
            if (parts[i].isEmpty())
                return refused(where + "empty (two commas, or one at the start or end); expected a URL");
            List<String> mirrors = new ArrayList<>();
            String sha = null;
            boolean sums = false;
            for (String m : parts[i].split("\\|", -1)) {
                if (m.isEmpty())
                    return refused(where + "an empty mirror (two |, or one at the start or end); expected a URL");
                int hash = m.indexOf('#');
                String url = hash < 0 ? m : m.substring(0, hash);
                if (hash >= 0) {
                    String h = m.substring(hash);
                    if (h.equals(SHA256SUMS)) {
                        sums = true;
                    } else if (!h.startsWith(SHA256)
                            || !h.substring(SHA256.length()).matches("[0-9A-Fa-f]{64}")) {
                        return refused(where + "\"" + h + "\" after the URL " + url
                                + " is neither #sha256= with 64 hex digits nor"
                                + " #sha256sums (the checksum from the SHA256SUMS file beside the layer's file)");
                    } else {
                        String given = h.substring(SHA256.length()).toLowerCase(Locale.ROOT);
                        if (sha != null && !sha.equals(given))
                            return refused(
                                    where + "two different #sha256= on one layer's mirrors; a layer is one file");
                        sha = given;
                    }
                    if (sums && sha != null) {
                        return refused(where
                                + "both #sha256= and #sha256sums on one layer; give one (#sha256=HEX names the file itself,"
                                + " #sha256sums trusts the SHA256SUMS beside it)");
                    }
                }
                String bad = urlProblem(url);
                if (bad != null) return refused(where + bad);
                mirrors.add(url);
            }
            layers.add(new Layer(mirrors, sha, sums));
        }
        return new Parsed(List.copyOf(layers), null);
    }

    private static Parsed refused(String why) {
        return new Parsed(List.of(), why);
    }

    /** Why a URL (without fragment) cannot be downloaded as written, or null. */
    static String urlProblem(String url) {
        String scheme = url.startsWith("http://") ? "http://" : url.startsWith("https://") ? "https://" : null;
        if (scheme == null) return "\"" + url + "\" does not start with http:// or https:// (in lower case)";
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            if (ch <= ' ' || ch >= 0x7f || ch == '"' || ch == '\'' || ch == '\\') {
                return "\"" + printable(url) + "\" holds " + describe(ch)
                        + ", which a URL cannot hold; percent-encode it" + " (write %% for a %, e.g. %%20 for a blank)";
            }
            if (ch == '%') {
                String rest = url.substring(i + 1);
                if (rest.startsWith("%")) i++;
                else if (rest.startsWith("hostname")) i += "hostname".length();
                else if (rest.startsWith("fqdn")) i += "fqdn".length();
                else
                    return "\"" + url
                            + "\": a % must start %hostname, %fqdn or %% (a literal %: write %%, e.g. %%20 for a blank)";
            }
        }
        String rest = url.substring(scheme.length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        if (authority.isEmpty()) return "\"" + url + "\" names no host";
        if (authority.contains("@")) {
            return "\"" + scheme + "...@" + authority.substring(authority.lastIndexOf('@') + 1)
                    + "/...\": a user name or password in"
                    + " the URL would be shown on the console and in the journal; give the server's address only";
        }
        if (slash < 0 || slash == rest.length() - 1)
            return "\"" + url + "\" names no file (expected e.g. " + scheme + authority + "/root.tar.xz)";
        return null;
    }

    private static String describe(char ch) {
        if (ch == ' ') return "a blank";
        if (ch < ' ' || ch == 0x7f) return String.format("the control character 0x%02x", (int) ch);
        if (ch > 0x7f) return "the non-ASCII character U+" + String.format("%04X", (int) ch);
        return "a " + ch;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray())
            b.append(ch < ' ' || ch == 0x7f ? String.format("\\x%02x", (int) ch) : String.valueOf(ch));
        return b.toString();
    }

    /**
     * A URL with %hostname, %fqdn and %% replaced (at boot). A null name that the URL needs
     * throws IllegalStateException naming it.
     */
    public static String expand(String url, String hostname, String fqdn) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            if (ch != '%') {
                b.append(ch);
                continue;
            }
            String rest = url.substring(i + 1);
            if (rest.startsWith("%")) {
                b.append('%');
                i++;
            } else if (rest.startsWith("hostname")) {
                if (hostname == null) throw new IllegalStateException("%hostname");
                b.append(hostname);
                i += "hostname".length();
            } else if (rest.startsWith("fqdn")) {
                if (fqdn == null) throw new IllegalStateException("%fqdn");
                b.append(fqdn);
                i += "fqdn".length();
            } else {
                b.append(ch); // not reached for a value parse() accepted
            }
        }
        return b.toString();
    }
}
