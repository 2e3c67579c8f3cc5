package dev.stagehand.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** #sha256sums: where the list is, which name a layer has in it, and the forms of its lines. */
class Sha256SumsTest {
    private static final String A = "a".repeat(64), B = "B".repeat(64), C = "c".repeat(64);

    @Test
    void theListBesideTheFile() {
        assertThat(Sha256Sums.beside("http://h/x/base.tar.xz")).isEqualTo("http://h/x/SHA256SUMS");
        assertThat(Sha256Sums.beside("https://h/x/base.tar.xz?v=2")).isEqualTo("https://h/x/SHA256SUMS");
        assertThat(Sha256Sums.fileName("https://h/x/base.tar.xz?v=2")).isEqualTo("base.tar.xz");
        // the URL is percent-encoded, the list names the file as it is
        assertThat(Sha256Sums.fileName("http://h/100%25/my%20root.tar")).isEqualTo("my root.tar");
    }

    @Test
    void linesAsSha256sumAndBsdWriteThem() {
        String list = A + "  other.tar.xz\n" + B + " *base.tar.xz\r\n" + "SHA256 (site.tar.gz) = " + C + "\n" + A
                + "  ./root.tar\n";
        assertThat(Sha256Sums.entry(list, "base.tar.xz")).isEqualTo("b".repeat(64)); // binary mode, upper case, CRLF
        assertThat(Sha256Sums.entry(list, "site.tar.gz")).isEqualTo(C);
        assertThat(Sha256Sums.entry(list, "other.tar.xz")).isEqualTo(A);
        assertThat(Sha256Sums.entry(list, "root.tar")).isEqualTo(A);
        // a name is matched whole, not as a suffix or prefix
        assertThat(Sha256Sums.entry(list, "tar.xz")).isNull();
        assertThat(Sha256Sums.entry(list, "base.tar")).isNull();
        assertThat(Sha256Sums.entry("not a list\n" + A.substring(1) + "  base.tar.xz\n", "base.tar.xz"))
                .isNull();
    }
}
