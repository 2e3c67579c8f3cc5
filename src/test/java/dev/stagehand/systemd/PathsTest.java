package dev.stagehand.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors from systemd 257's test-path-util.c. */
class PathsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|''",
                "aaa/bbb////ccc|aaa/bbb/ccc",
                "//aaa/.////ccc|/aaa/ccc",
                "///|/",
                "///.//|/",
                "///.//.///|/",
                "////.././///../.|/",
                ".|.",
                "./|.",
                ".///.//./.|.",
                ".///.//././/|.",
                "//./aaa///.//./.bbb/..///c.//d.dd///..eeee/.|/aaa/.bbb/../c./d.dd/..eeee",
                "//./aaa///.//./.bbb/..///c.//d.dd///..eeee/..|/aaa/.bbb/../c./d.dd/..eeee/..",
                ".//./aaa///.//./.bbb/..///c.//d.dd///..eeee/..|aaa/.bbb/../c./d.dd/..eeee/..",
                "..//./aaa///.//./.bbb/..///c.//d.dd///..eeee/..|../aaa/.bbb/../c./d.dd/..eeee/..",
                "/../abc///|/abc",
                "/../abc///../|/abc/..",
                "/../../abc///|/abc",
            })
    void simplify(String in, String out) {
        assertThat(Paths.simplify(in)).isEqualTo(out);
    }

    @Test
    void isDevicePath() {
        for (String no : new String[] {
            "foo",
            "dos.ext",
            "/dir",
            "a/b",
            ".",
            "",
            "..",
            "/dev",
            "/./dev",
            "/./dev/.",
            "/./dev.",
            "/./dev./foo",
            "//dev",
            "///dev",
            "/../dev/sda",
            "/usr/../dev/sda"
        }) {
            assertThat(Paths.isDevicePath(no)).as(no).isFalse();
        }
        for (String yes : new String[] {"/./dev/foo", "/./dev/./foo", "/dev/sda", "/dev/..", "/sys/class"}) {
            assertThat(Paths.isDevicePath(yes)).as(yes).isTrue();
        }
    }

    @Test
    void equalAndStartsWith() {
        assertThat(Paths.equal("/", "//")).isTrue();
        assertThat(Paths.equal("/", "/./")).isTrue();
        assertThat(Paths.equal("/a", "/b")).isFalse();
        assertThat(Paths.equal("/sysroot/", "/sysroot")).isTrue();
        assertThat(Paths.startsWith("/dev/sda", "/dev/")).isEqualTo("sda");
        assertThat(Paths.startsWith("/dev", "/dev/")).isEqualTo("");
        assertThat(Paths.startsWith("/devices/x", "/dev")).isNull();
        assertThat(Paths.startsWith("//run///host/x", "/run/host")).isEqualTo("x");
    }

    @Test
    void normalizedAndJoin() {
        assertThat(Paths.isNormalized("/a/b")).isTrue();
        assertThat(Paths.isNormalized("/a/../b")).isFalse();
        assertThat(Paths.isNormalized("/a//b")).isFalse();
        assertThat(Paths.isNormalized("/a/./b")).isFalse();
        assertThat(Paths.join("/sysroot", "/srv")).isEqualTo("/sysroot/srv");
        assertThat(Paths.join("foo/", "bar")).isEqualTo("foo/bar");
        assertThat(Paths.join("", "foo", "", "bar", "")).isEqualTo("foo/bar");
    }

    @Test
    void equalAgreesWithCompareOnEveryShortPath() {
        // equal() answers plain paths without path_compare(); every path of up to 5 characters
        // over "/", ".", "a", "b" against every other must give what path_compare() gives
        String[] alphabet = {"/", ".", "a", "b"};
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(""));
        for (int len = 1, from = 0; len <= 5; len++) {
            int to = all.size();
            for (int i = from; i < to; i++) for (String c : alphabet) all.add(all.get(i) + c);
            from = to;
        }
        for (String a : all) {
            for (String b : all) {
                assertThat(Paths.equal(a, b)).as("\"%s\" \"%s\"", a, b).isEqualTo(Paths.compare(a, b) == 0);
            }
        }
        String longName = "/" + "x".repeat(Paths.NAME_MAX + 1);
        assertThat(Paths.equal(longName, longName + "/")).isEqualTo(Paths.compare(longName, longName + "/") == 0);
        assertThat(Paths.equal("/sysroot", "/sysroot/")).isTrue();
        assertThat(Paths.equal("/sysroot", "/sysroot/usr")).isFalse();
    }
}
