package dev.stagehand.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors from systemd 257's test-unit-name.c, and the escaping rules they imply. */
class UnitNamesTest {
    private static String bytes(String utf8) {
        return Latin1.string(utf8.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/waldo|waldo.mount",
                "/waldo/quuix|waldo-quuix.mount",
                "/waldo/quuix/|waldo-quuix.mount",
                "''|-.mount",
                "/|-.mount",
                "///|-.mount",
                "/foo/./bar|foo-bar.mount",
                "/dev/disk/by-uuid/1234-5678|dev-disk-by\\x2duuid-1234\\x2d5678.mount",
                "/.hidden/x|\\x2ehidden-x.mount",
                "/a b/c|a\\x20b-c.mount",
                "/x%i|x\\x25i.mount",
            })
    void fromPath(String path, String expected) throws Exception {
        assertThat(UnitNames.fromPath(path, ".mount")).isEqualTo(expected);
    }

    @Test
    void fromPathRefusesDotDot() {
        assertThatThrownBy(() -> UnitNames.fromPath("/foo/../bar", ".mount"))
                .isInstanceOf(UnitNames.InvalidUnitNameException.class);
    }

    @Test
    void longNamesAreHashedAsSystemdDoes() throws Exception {
        // the path of test-unit-name.c: "/waldo" and 246 more letters a
        assertThat(UnitNames.fromPath("/waldo" + "a".repeat(246), ".mount"))
                .isEqualTo("waldo" + "a".repeat(227) + "_7736d9ed33c2ec55.mount")
                .hasSize(255);
    }

    @Test
    void fromPathInstance() throws Exception {
        assertThat(UnitNames.fromPathInstance("waldo", "/waldo////quuix////", ".mount"))
                .isEqualTo("waldo@waldo-quuix.mount");
        assertThat(UnitNames.fromPathInstance("waldo", "/", ".mount")).isEqualTo("waldo@-.mount");
        assertThat(UnitNames.fromPathInstance("wa--ldo", "/--", ".mount")).isEqualTo("wa--ldo@\\x2d\\x2d.mount");
        assertThatThrownBy(() -> UnitNames.fromPathInstance("waldo", "..", ".mount"))
                .isInstanceOf(UnitNames.InvalidUnitNameException.class);
    }

    @Test
    void escape() {
        assertThat(UnitNames.escape("ab+-c.a/bc@foo.service")).isEqualTo("ab\\x2b\\x2dc.a-bc\\x40foo.service");
    }

    @Test
    void mangle() {
        assertThat(UnitNames.mangle("foo.service", ".mount")).contains("foo.service");
        assertThat(UnitNames.mangle("/home", ".mount")).contains("home.mount");
        assertThat(UnitNames.mangle("/dev/sda", ".mount")).contains("dev-sda.device");
        assertThat(UnitNames.mangle(bytes("üxknürz.service"), ".mount")).contains("\\xc3\\xbcxkn\\xc3\\xbcrz.service");
        assertThat(UnitNames.mangle("foobar-meh...waldi.service", ".mount")).contains("foobar-meh...waldi.service");
        assertThat(UnitNames.mangle("_____####----.....service", ".mount"))
                .contains("_____\\x23\\x23\\x23\\x23----.....service");
        assertThat(UnitNames.mangle("_____##@;;;,,,##----.....service", ".mount"))
                .contains("_____\\x23\\x23@\\x3b\\x3b\\x3b\\x2c\\x2c\\x2c\\x23\\x23----.....service");
        assertThat(UnitNames.mangle("xxx@@@@/////\\\\\\\\\\yyy.service", ".mount"))
                .contains("xxx@@@@-----\\\\\\\\\\yyy.service");
        assertThat(UnitNames.mangle("foo", ".service")).contains("foo.service");
        assertThat(UnitNames.mangle("foo*", ".service")).contains("foo\\x2a.service");
        assertThat(UnitNames.mangle("", ".mount")).isEmpty();
    }

    @Test
    void validity() {
        assertThat(UnitNames.isValid("foo.service")).isTrue();
        assertThat(UnitNames.isValid("foo@bar.service")).isTrue();
        assertThat(UnitNames.isValid("foo@.service")).isTrue();
        assertThat(UnitNames.isValid("@foo.service")).isFalse();
        assertThat(UnitNames.isValid("foo.waldo")).isFalse();
        assertThat(UnitNames.isValid("../x.service")).isFalse();
        assertThat(UnitNames.isValid("a".repeat(248) + ".service")).isFalse();
        assertThat(UnitNames.isValid("a".repeat(247) + ".service")).isTrue();
    }
}
