package dev.stagehand.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
    @Test
    void distanceCountsEditsAndSwaps() {
        // the vectors of systemd's test-string-util (TEST(strlevenshtein))
        assertThat(Spelling.distance("", "")).isZero();
        assertThat(Spelling.distance("a", "a")).isZero();
        assertThat(Spelling.distance("a", "b")).isEqualTo(1);
        assertThat(Spelling.distance("a", "")).isEqualTo(1);
        assertThat(Spelling.distance("", "a")).isEqualTo(1);
        assertThat(Spelling.distance("xxx", "yyy")).isEqualTo(3);
        assertThat(Spelling.distance("xx", "xxx")).isEqualTo(1);
        assertThat(Spelling.distance("xxx", "xx")).isEqualTo(1);
        assertThat(Spelling.distance("x", "xxx")).isEqualTo(2);
        assertThat(Spelling.distance("sitting", "kitten")).isEqualTo(3);
        assertThat(Spelling.distance("sunday", "saturday")).isEqualTo(3);
        // a swap of neighbours is one edit
        assertThat(Spelling.distance("ab", "ba")).isEqualTo(1);
        assertThat(Spelling.distance("Budgte", "Budget")).isEqualTo(1);
        assertThat(Spelling.distance("x-systemd.device-timout", "x-systemd.device-timeout"))
                .isEqualTo(1);
    }

    @Test
    void closestPrefersAPrefixThenTheNearest() {
        List<String> known = List.of("x-systemd.device-timeout", "x-systemd.device-bound", "x-systemd.mount-timeout");
        assertThat(Spelling.closest("x-systemd.device", known)).isEqualTo("x-systemd.device-bound");
        assertThat(Spelling.closest("x-systemd.mount-timout", known)).isEqualTo("x-systemd.mount-timeout");
        assertThat(Spelling.closest("x-systemd.frobnicate", known)).isNull();
        assertThat(Spelling.closest("Foo", List.of("Budget"))).isNull();
        assertThat(Spelling.closest("", known)).isNull();
        assertThat(Spelling.didYouMean("Budgte", List.of("Budget"), "=")).isEqualTo("did you mean Budget=?");
        assertThat(Spelling.didYouMean("Optional", List.of("Budget"), "=")).isNull();
    }
}
