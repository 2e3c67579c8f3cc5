package dev.stagehand.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void knownAnswers() {
        // FIPS 180-4 examples (one block, two blocks) and the empty message
        assertThat(hex(digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                        .getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        assertThat(hex(digest(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void sameAsTheJdkForEveryLengthAroundBlockEdgesAndAnySplit() throws Exception {
        Random r = new Random(7);
        for (int len = 0; len < 300; len++) check(r, len);
        for (int i = 0; i < 40; i++) check(r, r.nextInt(200_000));
    }

    private static void check(Random r, int len) throws Exception {
        byte[] data = new byte[len];
        r.nextBytes(data);
        Sha256 s = new Sha256();
        int off = 0;
        while (off < len) {
            int n = Math.min(len - off, 1 + r.nextInt(5000));
            s.update(data, off, n);
            off += n;
        }
        assertThat(hex(s.digest()))
                .as("length %d", len)
                .isEqualTo(hex(MessageDigest.getInstance("SHA-256").digest(data)));
    }

    private static byte[] digest(byte[] b) {
        Sha256 s = new Sha256();
        s.update(b, 0, b.length);
        return s.digest();
    }
}
