package dev.stagehand.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.netroot.LayerSpecs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stagehand fetch against a local server that misbehaves: real curl, real GNU tar, real xz and gzip. */
class FetchTest {
    private static final Fetch.Timing FAST = new Fetch.Timing(
            2,
            5,
            TimeUnit.MILLISECONDS.toNanos(20),
            TimeUnit.MILLISECONDS.toNanos(100),
            TimeUnit.MILLISECONDS.toNanos(200));
    private static final long BUDGET = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path tmp;

    private Path where;
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private byte[] base, site;

    @BeforeEach
    void archives() throws Exception {
        where = Files.createDirectories(tmp.resolve("sysroot"));
        base = archive("base", "etc/hostname", "node\n", "--xz");
        site = archive("site", "usr/share/site", "two\n", "--gzip");
    }

    /** A tar archive of one file, compressed by tar's option. */
    private byte[] archive(String name, String file, String text, String compress) throws Exception {
        Path src = tmp.resolve("src-" + name);
        Files.createDirectories(src.resolve(file).getParent());
        Files.writeString(src.resolve(file), text);
        Path out = tmp.resolve(name + ".tar");
        Process p = new ProcessBuilder("tar", "--create", compress, "--file=" + out, "--directory=" + src, ".")
                .inheritIO()
                .start();
        assertThat(p.waitFor()).isZero();
        return Files.readAllBytes(out);
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Fetch fetch() {
        Path proc = tmp.resolve("proc");
        try {
            Files.createDirectories(proc.resolve("sys/kernel"));
            Files.writeString(proc.resolve("sys/kernel/hostname"), "node7\n");
            Files.writeString(tmp.resolve("resolv.conf"), "domain lab.example\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new Fetch(
                new Fetch.Places(
                        "curl",
                        "tar",
                        "mount",
                        where,
                        tmp.resolve("ask"),
                        proc,
                        tmp.resolve("resolv.conf"),
                        tmp.resolve("leases")),
                FAST,
                new PrintStream(said, true, StandardCharsets.UTF_8),
                new Random(1));
    }

    private static LayerSpecs.Layer layer(String sha256, String... mirrors) {
        return new LayerSpecs.Layer(List.of(mirrors), sha256);
    }

    private String said() {
        return said.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoLayersInOrderWithHostNamesAndChecksums() throws Exception {
        try (LayerServer s = new LayerServer()) {
            s.serve("/node7/base.tar.xz", new LayerServer.File(base, 0, -1));
            s.serve("/node7.lab.example/site.tar.gz", new LayerServer.File(site, 0, -1));
            boolean ok = fetch().run(
                            List.of(
                                    layer(sha(base), s.url("/%hostname/base.tar.xz")),
                                    layer(null, s.url("/%fqdn/site.tar.gz"))),
                            null,
                            BUDGET);
            assertThat(ok).as(said()).isTrue();
        }
        assertThat(Files.readString(where.resolve("etc/hostname"))).isEqualTo("node\n");
        assertThat(Files.readString(where.resolve("usr/share/site"))).isEqualTo("two\n");
        assertThat(said())
                .contains("layer 1/2: extracted", "layer 2/2: extracted", "root file system downloaded: 2 layers");
    }

    @Test
    void serviceUnavailableThenServed() throws Exception {
        try (LayerServer s = new LayerServer()) {
            s.serve("/base.tar.xz", new LayerServer.File(base, 2, -1));
            assertThat(fetch().run(List.of(layer(null, s.url("/base.tar.xz"))), null, BUDGET))
                    .as(said())
                    .isTrue();
            assertThat(s.gets.get("/base.tar.xz").get()).isEqualTo(3);
        }
        assertThat(said())
                .containsPattern("HTTP 503 from \\S+ \\(the server may recover\\); trying again in \\d+\\.\\d s");
        assertThat(Files.exists(where.resolve("etc/hostname"))).isTrue();
    }

    @Test
    void deadMirrorThenTheNext() throws Exception {
        try (LayerServer s = new LayerServer()) {
            s.serve("/base.tar.xz", new LayerServer.File(base, 0, -1));
            String dead = LayerServer.deadUrl("/base.tar.xz");
            assertThat(fetch().run(List.of(layer(sha(base), dead, s.url("/base.tar.xz"))), null, BUDGET))
                    .as(said())
                    .isTrue();
            assertThat(said()).contains("cannot connect to " + dead, "; next: " + s.url("/base.tar.xz"), "extracted");
        }
    }

    @Test
    void wrongChecksumNamesTheLayerAndGoesToEmergency() throws Exception {
        String wrong = "ab".repeat(32);
        try (LayerServer s = new LayerServer()) {
            s.serve("/base.tar.xz", new LayerServer.File(base, 0, -1));
            assertThat(fetch().run(List.of(layer(wrong, s.url("/base.tar.xz"))), null, BUDGET))
                    .isFalse();
            // a mismatch is no reason to ask the same server again
            assertThat(s.gets.get("/base.tar.xz").get()).isEqualTo(1);
            assertThat(said())
                    .contains(
                            "checksum mismatch: " + s.url("/base.tar.xz") + " has sha256 " + sha(base)
                                    + ", root= expects " + wrong,
                            "giving up on layer 1/1",
                            "going to emergency mode",
                            "stagehand retry --set root=");
        }
    }

    @Test
    void wrongFileOnTheFirstMirrorLeavesNoFileBehind() throws Exception {
        // mirror 1 has an older build (a file the right one no longer has) under the same name
        byte[] old = archive("old", "etc/stale", "old\n", "--xz");
        try (LayerServer s = new LayerServer()) {
            s.serve("/a/site.tar.gz", new LayerServer.File(site, 0, -1));
            s.serve("/a/base.tar.xz", new LayerServer.File(old, 0, -1));
            s.serve("/b/base.tar.xz", new LayerServer.File(base, 0, -1));
            boolean ok = fetch().clearWith(SysrootTmpfs::empty)
                    .run(
                            List.of(
                                    layer(null, s.url("/a/site.tar.gz")),
                                    layer(sha(base), s.url("/a/base.tar.xz"), s.url("/b/base.tar.xz"))),
                            null,
                            BUDGET);
            assertThat(ok).as(said()).isTrue();
            // layer 1 came again after the tmpfs was emptied of the wrong file's files
            assertThat(s.gets.get("/a/site.tar.gz").get()).isEqualTo(2);
            assertThat(s.gets.get("/a/base.tar.xz").get()).isEqualTo(1);
        }
        assertThat(where.resolve("etc/stale")).doesNotExist();
        assertThat(Files.readString(where.resolve("etc/hostname"))).isEqualTo("node\n");
        assertThat(Files.readString(where.resolve("usr/share/site"))).isEqualTo("two\n");
        assertThat(said())
                .contains(
                        "layer 2/2: checksum mismatch",
                        "so that no file of the wrong one stays; layers 1 to 1 come again",
                        "layer 2/2: extracted");
    }

    private static LayerSpecs.Layer layerWithSums(String... mirrors) {
        return new LayerSpecs.Layer(List.of(mirrors), null, true);
    }

    @Test
    void checksumFromTheSha256SumsBesideTheLayer() throws Exception {
        try (LayerServer s = new LayerServer()) {
            s.serve("/node7/base.tar.xz", new LayerServer.File(base, 0, -1));
            s.serve(
                    "/node7/SHA256SUMS",
                    new LayerServer.File(
                            (sha(site) + "  site.tar.gz\n" + sha(base) + " *base.tar.xz\n")
                                    .getBytes(StandardCharsets.US_ASCII),
                            0,
                            -1));
            assertThat(fetch().run(List.of(layerWithSums(s.url("/%hostname/base.tar.xz"))), null, BUDGET))
                    .as(said())
                    .isTrue();
            assertThat(said())
                    .contains("layer 1/1: downloading " + s.url("/node7/base.tar.xz") + " (sha256 " + sha(base)
                            + " from " + s.url("/node7/SHA256SUMS") + ")");
        }
        assertThat(Files.readString(where.resolve("etc/hostname"))).isEqualTo("node\n");
    }

    @Test
    void sha256SumsThatDisagreeWithTheFile() throws Exception {
        try (LayerServer s = new LayerServer()) {
            s.serve("/base.tar.xz", new LayerServer.File(base, 0, -1));
            s.serve(
                    "/SHA256SUMS",
                    new LayerServer.File((sha(site) + "  base.tar.xz\n").getBytes(StandardCharsets.US_ASCII), 0, -1));
            assertThat(fetch().run(List.of(layerWithSums(s.url("/base.tar.xz"))), null, BUDGET))
                    .isFalse();
            assertThat(said())
                    .contains(
                            "checksum mismatch: " + s.url("/base.tar.xz") + " has sha256 " + sha(base) + ", "
                                    + s.url("/SHA256SUMS") + " says " + sha(site),
                            "one of them is stale there",
                            "giving up on layer 1/1");
        }
    }

    @Test
    void sha256SumsMissingOrWithoutTheFileTakesTheNextMirror() throws Exception {
        try (LayerServer s = new LayerServer()) {
            s.serve("/a/base.tar.xz", new LayerServer.File(base, 0, -1)); // no /a/SHA256SUMS
            s.serve("/b/base.tar.xz", new LayerServer.File(base, 0, -1));
            s.serve(
                    "/b/SHA256SUMS",
                    new LayerServer.File((sha(site) + "  site.tar.gz\n").getBytes(StandardCharsets.US_ASCII), 0, -1));
            assertThat(fetch().run(
                                    List.of(layerWithSums(s.url("/a/base.tar.xz"), s.url("/b/base.tar.xz"))),
                                    null,
                                    BUDGET))
                    .isFalse();
            assertThat(said())
                    .contains(
                            "no checksum list for " + s.url("/a/base.tar.xz") + ": HTTP 404 from "
                                    + s.url("/a/SHA256SUMS"),
                            "put one there, or give #sha256=HEX",
                            "; next: " + s.url("/b/base.tar.xz"),
                            s.url("/b/SHA256SUMS") + " has no line for base.tar.xz");
            // the layer itself was never asked for: without its checksum it is not taken
            assertThat(s.gets.get("/a/base.tar.xz")).isNull();
            assertThat(s.gets.get("/b/base.tar.xz")).isNull();
        }
    }

    @Test
    void truncatedArchiveOnTheServer() throws Exception {
        byte[] cut = java.util.Arrays.copyOf(base, base.length / 2);
        try (LayerServer s = new LayerServer()) {
            s.serve("/base.tar.xz", new LayerServer.File(cut, 0, -1));
            assertThat(fetch().run(List.of(layer(null, s.url("/base.tar.xz"))), null, BUDGET))
                    .isFalse();
            assertThat(said()).contains("the archive " + s.url("/base.tar.xz") + " is truncated");
        }
    }

    @Test
    void cutTransferIsTriedAgain() throws Exception {
        try (LayerServer s = new LayerServer()) {
            // the first GET is cut half-way (a broken connection), the next ones get it whole
            s.serve("/base.tar.xz", new LayerServer.File(base, 0, base.length / 2));
            LayerServer.File whole = new LayerServer.File(base, 0, -1);
            Thread swap = Thread.ofPlatform().start(() -> {
                while (s.gets.getOrDefault("/base.tar.xz", new java.util.concurrent.atomic.AtomicInteger())
                                .get()
                        < 1) Thread.onSpinWait();
                s.serve("/base.tar.xz", whole);
            });
            assertThat(fetch().run(List.of(layer(sha(base), s.url("/base.tar.xz"))), null, BUDGET))
                    .as(said())
                    .isTrue();
            swap.join();
            assertThat(said()).contains("was cut short (truncated)");
        }
    }

    @Test
    void notAnArchive() throws Exception {
        try (LayerServer s = new LayerServer()) {
            s.serve("/index.html", new LayerServer.File("<html>hello</html>".getBytes(StandardCharsets.UTF_8), 0, -1));
            assertThat(fetch().run(List.of(layer(null, s.url("/index.html"))), null, BUDGET))
                    .isFalse();
            assertThat(said()).contains("is not a tar archive", "3c 68 74 6d");
        }
    }

    @Test
    void tooBigForTheTmpfsIsSaidBeforeDownloading() throws Exception {
        try (LayerServer s = new LayerServer()) {
            s.serve("/base.tar.xz", new LayerServer.File(base, 0, -1));
            boolean ok = fetch().freeSpace(p -> 100).run(List.of(layer(null, s.url("/base.tar.xz"))), null, BUDGET);
            assertThat(ok).isFalse();
            assertThat(s.gets.get("/base.tar.xz")).isNull(); // not one GET
            assertThat(said())
                    .contains(
                            "more than the 100 bytes free in the tmpfs",
                            "give a bigger rootsize=",
                            "Nothing was downloaded");
        }
    }

    @Test
    void budgetEndsTheRetries() throws Exception {
        try (LayerServer s = new LayerServer()) {
            s.serve("/base.tar.xz", new LayerServer.File(base, 1000, -1));
            long t0 = System.nanoTime();
            assertThat(fetch().run(List.of(layer(null, s.url("/base.tar.xz"))), null, TimeUnit.SECONDS.toNanos(2)))
                    .isFalse();
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(10));
            assertThat(said()).contains("giving up on layer 1/1", "HTTP 503");
        }
    }

    @Test
    void missingDomainNameIsSaid() throws Exception {
        Fetch f = fetch();
        Files.writeString(tmp.resolve("resolv.conf"), "nameserver 10.0.2.3\n");
        assertThat(f.run(List.of(layer(null, "http://127.0.0.1:9/%fqdn.tar")), null, BUDGET))
                .isFalse();
        assertThat(said()).contains("needs %fqdn, but the initrd knows no domain name");
    }

    @Test
    void hostNamesFromNetworkdLeasesWhenTheKernelHasNone() throws Exception {
        Path proc =
                Files.createDirectories(tmp.resolve("p/sys/kernel")).getParent().getParent();
        Files.writeString(proc.resolve("sys/kernel/hostname"), "(none)\n");
        Path leases = Files.createDirectories(tmp.resolve("leases"));
        Files.writeString(
                leases.resolve("2"),
                "# This is private data. Do not parse.\nADDRESS=10.0.2.15\nHOSTNAME=node7\nDOMAINNAME=lab.example\n");
        assertThat(HostNames.read(proc, tmp.resolve("none"), leases))
                .isEqualTo(new HostNames("node7", "node7.lab.example"));
        Files.writeString(proc.resolve("sys/kernel/hostname"), "kern\n");
        assertThat(HostNames.read(proc, tmp.resolve("none"), leases))
                .isEqualTo(new HostNames("kern", "kern.lab.example"));
        assertThat(HostNames.read(proc, tmp.resolve("none"), tmp.resolve("no-leases")))
                .isEqualTo(new HostNames("kern", null));
    }

    @Test
    void tarComplaintsAsReasons() {
        assertThat(Transfer.full("tar: ./usr/lib/x: Cannot write: No space left on device\n", 1L << 30))
                .isTrue();
        assertThat(Transfer.full("tar: ./usr/zeros: Wrote only 4608 of 10240 bytes\n", 0))
                .isTrue();
        // a short write with room left is some other trouble (an I/O error), not a full tmpfs
        assertThat(Transfer.full("tar: ./usr/zeros: Wrote only 4608 of 10240 bytes\n", 1L << 30))
                .isFalse();
        assertThat(Transfer.tarFailure(
                                "xz: (stdin): Unexpected end of input\ntar: Child returned status 1\n",
                                Compression.XZ,
                                "u")
                        .message())
                .contains("is truncated");
    }
}
