package dev.stagehand.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Vectors from systemd 257's test-time-util.c. */
class TimeSpanTest {
    private static final long S = 1_000_000L, MS = 1_000L;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "5s|5000000",
                "5s500ms|5500000",
                "' 5s 500ms  '|5500000",
                "' 5.5s  '|5500000",
                "' 5.5s 0.5ms '|5500500",
                "' .22s '|220000",
                "2.5|2500000",
                ".7|700000",
                "23us|23",
                "+3.1s|3100000",
                "3.1s.2|3300000",
                "3.1 .2|3300000",
                "3.1 sec .2 sec|3300000",
                "3.1 sec 1.2 sec|4300000",
                "1min 30s|90000000",
                "90|90000000",
            })
    void parses(String text, long usec) {
        assertThat(TimeSpan.parseSec(text)).isEqualTo(usec);
    }

    @Test
    void parsesMicroSignsAndYears() {
        assertThat(TimeSpan.parseSec(Latin1.string("23μs".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(23L);
        assertThat(TimeSpan.parseSec(Latin1.string("23µs".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(23L);
        assertThat(TimeSpan.parseSec(" .50y ")).isEqualTo(31_557_600L * S / 2);
        assertThat(TimeSpan.parseSec(" infinity ")).isEqualTo(TimeSpan.INFINITY);
        assertThat(TimeSpan.parseSecFix0("0")).isEqualTo(TimeSpan.INFINITY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                " xyz ",
                "",
                " . ",
                " 5. ",
                ".s ",
                "-5s ",
                "-0.3s ",
                "-0.0s ",
                "-0.-0s ",
                "0.-0s ",
                "3.-0s ",
                " infinity .7",
                ".3 infinity",
                "3.+1s",
                "3. 1s",
                "3.s",
                "12.34.56",
                "12..34",
                "..1234",
                "1234..",
                "99999999999999999999s"
            })
    void refuses(String text) {
        assertThat(TimeSpan.parseSec(text)).isNull();
    }

    @Test
    void formatsAsSystemd() {
        assertThat(TimeSpan.format(0)).isEqualTo("0");
        assertThat(TimeSpan.format(TimeSpan.INFINITY)).isEqualTo("infinity");
        assertThat(TimeSpan.format(90 * S)).isEqualTo("1min 30s");
        assertThat(TimeSpan.format(2500 * MS)).isEqualTo("2.500000s");
        assertThat(TimeSpan.format(1234567)).isEqualTo("1.234567s");
        assertThat(TimeSpan.format(999 * MS)).isEqualTo("999ms");
        assertThat(TimeSpan.format(12)).isEqualTo("12us");
        assertThat(TimeSpan.format(3600 * S + 1)).isEqualTo("1h 1us");
        assertThat(TimeSpan.format(5 * 60 * S)).isEqualTo("5min");
    }
}
