package dev.stagehand.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Root hashes of hash trees veritysetup made (src/test/resources/dev/stagehand/runtime/image/verity/README). */
class VerityHashTreeTest {
    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(VerityHashTreeTest.class.getResource("verity/" + name).toURI());
    }

    @Test
    void rootHashesAsVeritysetupPrintedThem() throws Exception {
        assertThat(VerityHashTree.rootHash(fixture("two-levels.img"), fixture("two-levels.img.verity")))
                .isEqualTo("16256383caf4ddb035ae1b5ccda386ad77a4fa84f3a379680bef6d292a77f1f3");
        assertThat(VerityHashTree.rootHash(fixture("one-block.img"), fixture("one-block.img.verity")))
                .isEqualTo("493c3211315c824b310dc36e552f574e09a8a9ff2c7c04240a2e20bd7b81518d");
        assertThat(VerityHashTree.rootHash(fixture("chromeos.img"), fixture("chromeos.img.verity")))
                .isEqualTo("396c4316f53d151636c88bc2631ee045173cdf4bafe55db137425769732b8eb6");
    }

    @Test
    void anotherDigestIsLeftToTheKernel() throws Exception {
        assertThat(VerityHashTree.header(fixture("sha512.img.verity")).algorithm())
                .isEqualTo("sha512");
        assertThat(VerityHashTree.rootHash(fixture("sha512.img"), fixture("sha512.img.verity")))
                .isNull();
        assertThat(ImageCheck.verityProblem(fixture("sha512.img"), fixture("sha512.img.verity"), "00".repeat(64)))
                .isNull();
    }

    @Test
    void headerAsWritten() throws Exception {
        VerityHashTree.Header h = VerityHashTree.header(fixture("two-levels.img.verity"));
        assertThat(h.algorithm()).isEqualTo("sha256");
        assertThat(h.dataBlocks()).isEqualTo(40);
        assertThat(h.dataBlockSize()).isEqualTo(512);
        assertThat(h.salt()).hasSize(32).containsOnly((byte) 0x5a);
    }

    @Test
    void anotherFileOrOneCutShort() throws Exception {
        Path image = fixture("two-levels.img");
        assertThatThrownBy(() -> VerityHashTree.rootHash(image, image)).hasMessageContaining("no verity superblock");
        byte[] tree = Files.readAllBytes(fixture("two-levels.img.verity"));
        Path cut = Files.write(dir.resolve("cut.verity"), Arrays.copyOf(tree, 600));
        assertThatThrownBy(() -> VerityHashTree.rootHash(image, cut)).hasMessageContaining("cut short");
        Path shortImage = Files.write(dir.resolve("short.img"), Arrays.copyOf(Files.readAllBytes(image), 512 * 39));
        assertThatThrownBy(() -> VerityHashTree.rootHash(shortImage, fixture("two-levels.img.verity")))
                .hasMessageContaining("the image has 20480 bytes, it has 19968");
    }

    @Test
    void checkNamesTheImageAndRoothash() throws Exception {
        Path image = fixture("two-levels.img"), tree = fixture("two-levels.img.verity");
        String right = "16256383caf4ddb035ae1b5ccda386ad77a4fa84f3a379680bef6d292a77f1f3";
        assertThat(ImageCheck.verityProblem(image, tree, right)).isNull();
        assertThat(ImageCheck.verityProblem(image, tree, right.toUpperCase())).isNull();
        String wrong = "0" + right.substring(1);
        assertThat(ImageCheck.verityProblem(image, tree, wrong))
                .isEqualTo("the root image " + image + " does not match roothash=" + wrong + ": its hash tree " + tree
                        + " has the root hash " + right
                        + " (a wrong roothash=, or a hash tree made for another image)");
        // the other image's tree
        assertThat(ImageCheck.verityProblem(image, fixture("chromeos.img.verity"), right))
                .contains("does not match");
        Path missing = dir.resolve("root.erofs.verity");
        Files.writeString(dir.resolve("root.erofs"), "");
        assertThat(ImageCheck.verityProblem(image, missing, right))
                .startsWith(
                        "the root image's hash tree " + missing + " is not there\n" + dir + " holds:\n  root.erofs\n")
                .contains("veritysetup format");
    }
}
