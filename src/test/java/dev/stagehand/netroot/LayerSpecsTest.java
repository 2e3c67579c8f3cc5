package dev.stagehand.netroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** root=http(s)://… as layers, mirrors and checksums (docs/fetch.md), and %hostname/%fqdn at boot. */
class LayerSpecsTest {
    private static final String H = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static String refusal(String v) {
        return LayerSpecs.parse(v).refusal();
    }

    @Test
    void layersInOrderWithMirrorsAndOneChecksum() {
        LayerSpecs.Parsed p = LayerSpecs.parse("http://a/base.tar.xz#sha256=" + H.toUpperCase()
                + "|https://b/base.tar.xz,http://a/%hostname/site.tar");
        assertThat(p.refusal()).isNull();
        assertThat(p.layers())
                .containsExactly(
                        new LayerSpecs.Layer(List.of("http://a/base.tar.xz", "https://b/base.tar.xz"), H),
                        new LayerSpecs.Layer(List.of("http://a/%hostname/site.tar"), null));
        // the spec the generator passes to stagehand fetch parses back to the same layer
        LayerSpecs.Layer first = p.layers().get(0);
        assertThat(LayerSpecs.parse(first.spec()).layers()).containsExactly(first);
    }

    @Test
    void checksumFromTheSha256SumsBesideTheFile() {
        LayerSpecs.Parsed p =
                LayerSpecs.parse("http://a/base.tar.xz|https://b/base.tar.xz#sha256sums,http://a/site.tar");
        assertThat(p.refusal()).isNull();
        assertThat(p.layers())
                .containsExactly(
                        new LayerSpecs.Layer(List.of("http://a/base.tar.xz", "https://b/base.tar.xz"), null, true),
                        new LayerSpecs.Layer(List.of("http://a/site.tar"), null, false));
        LayerSpecs.Layer first = p.layers().get(0);
        assertThat(first.spec()).isEqualTo("http://a/base.tar.xz|https://b/base.tar.xz#sha256sums");
        assertThat(LayerSpecs.parse(first.spec()).layers()).containsExactly(first);
        // one checksum per layer: a file's own, or the list's
        assertThat(refusal("http://a/x.tar#sha256sums|http://b/x.tar#sha256=" + H))
                .contains("both #sha256= and #sha256sums on one layer");
        assertThat(refusal("http://a/x.tar#sha256=" + H + "|http://b/x.tar#sha256sums"))
                .contains("both #sha256= and #sha256sums on one layer");
        // not a file name of one's choosing, not another case: said with what to write
        assertThat(refusal("http://a/x.tar#sha256sums=SUMS"))
                .contains("is neither #sha256= with 64 hex digits nor #sha256sums");
        assertThat(refusal("http://a/x.tar#SHA256SUMS"))
                .contains("is neither #sha256= with 64 hex digits nor #sha256sums");
    }

    @Test
    void refusesWhatCannotBeDownloaded() {
        assertThat(refusal("http://a/x.tar,,http://a/y.tar")).startsWith("layer 2: empty");
        assertThat(refusal("http://a/x.tar,")).startsWith("layer 2: empty");
        assertThat(refusal("http://a/x.tar||http://b/x.tar")).contains("empty mirror");
        assertThat(refusal("http://a/x.tar|ftp://b/x.tar")).contains("does not start with http:// or https://");
        assertThat(refusal("HTTP://a/x.tar")).contains("in lower case");
        assertThat(refusal("http:///x.tar")).contains("names no host");
        assertThat(refusal("http://a")).contains("names no file");
        assertThat(refusal("http://a/")).contains("names no file");
        assertThat(refusal("http://a/x y.tar")).contains("a blank");
        assertThat(refusal("http://a/x\ny.tar"))
                .contains("control character 0x0a")
                .doesNotContain("\n");
        assertThat(refusal("http://a/x'.tar")).contains("a '");
        assertThat(refusal("http://a/x\u00e9.tar")).contains("U+00E9");
        assertThat(refusal("http://a/%20.tar")).contains("%hostname, %fqdn or %%");
        assertThat(refusal("http://a/x.tar#sha256=abc")).contains("64 hex digits");
        assertThat(refusal("http://a/x.tar#md5=" + H)).contains("64 hex digits");
        assertThat(refusal("http://a/x.tar#sha256=" + H + "|http://b/x.tar#sha256=" + H.replace('0', 'f')))
                .contains("two different #sha256=");
    }

    @Test
    void credentialsAreRefusedWithoutRepeatingThem() {
        String r = refusal("https://admin:hunter2@a/x.tar");
        assertThat(r)
                .contains("user name or password")
                .doesNotContain("hunter2")
                .doesNotContain("admin");
    }

    @Test
    void percentWordsAreAcceptedAndExpandedAtBoot() {
        assertThat(refusal("http://a/%%20/%hostname/%fqdn.tar")).isNull();
        assertThat(LayerSpecs.expand("http://a/%%20/%hostname/%fqdn.tar", "n1", "n1.lab"))
                .isEqualTo("http://a/%20/n1/n1.lab.tar");
        assertThat(LayerSpecs.expand("http://a/%%hostname.tar", null, null)).isEqualTo("http://a/%hostname.tar");
        assertThatThrownBy(() -> LayerSpecs.expand("http://a/%fqdn.tar", "n1", null))
                .hasMessage("%fqdn");
    }

    @Test
    void networkRootsByScheme() {
        assertThat(LayerSpecs.isNetworkRoot("https://a/x")).isTrue();
        assertThat(LayerSpecs.isNetworkRoot("Http://a/x")).isTrue();
        assertThat(LayerSpecs.isNetworkRoot("/dev/vda1")).isFalse();
        assertThat(LayerSpecs.isNetworkRoot("live:http://a/x")).isFalse();
    }
}
