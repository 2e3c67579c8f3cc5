package dev.stagehand.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.log.Log;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
    @Test
    void settingsWithTheirLinesAndBadLinesReported() {
        Log log = Log.silent();
        List<ConfigFile.Setting> s = ConfigFile.parse(
                "# c\n; c\nKey=outside\n[RootWait]\n Budget = 30s \nBudget=45s\n" + "nonsense\n[Raid]\nPath=C:\\x\\\n",
                "/etc/stagehand/stagehand.conf",
                log);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).value()).isEqualTo("45s"); // the last of repeated keys
        assertThat(s.get(0).origin().toString()).isEqualTo("/etc/stagehand/stagehand.conf:6");
        assertThat(log.messages())
                .extracting(Object::toString)
                .containsExactly(
                        "/etc/stagehand/stagehand.conf:3: expected a [Section] before \"Key=outside\"; line ignored",
                        "/etc/stagehand/stagehand.conf:7: expected [Section], Key=Value or a # comment, got \"nonsense\"; line ignored",
                        "/etc/stagehand/stagehand.conf:9: a value may not end with a backslash (no line continuations); line ignored");
    }

    @Test
    void linesIni4jWouldReadDifferentlyAreReported() {
        // found by ConfigFileFuzzTest: ini4j trims control characters off a section name (so
        // "[\0\x17RootWait]" counted as [RootWait], with no line for its settings), splits at a
        // CR inside a line, at ":" as well as "=", and skips a "=" after a backslash
        Log log = Log.silent();
        List<ConfigFile.Setting> s = ConfigFile.parse(
                "[\0\u0017RootWait]\nBudget=1\n[RootWait]\nBudget=2\rX=3\n" + "A:B=4\nC\\=D=5\nBudget=6\n",
                "/etc/stagehand/stagehand.conf",
                log);
        assertThat(s)
                .extracting(x -> x.section() + " " + x.key() + "=" + x.value() + " " + x.origin())
                .containsExactly("RootWait Budget=6 /etc/stagehand/stagehand.conf:7");
        assertThat(log.messages())
                .extracting(Object::toString)
                .containsExactly(
                        "/etc/stagehand/stagehand.conf:1: line contains the control character \\000; line ignored",
                        "/etc/stagehand/stagehand.conf:2: expected a [Section] before \"Budget=1\"; line ignored",
                        "/etc/stagehand/stagehand.conf:4: line contains the control character \\r; line ignored",
                        "/etc/stagehand/stagehand.conf:5: expected Key=Value with a key of letters, digits, \"-\", \"_\" and \".\", "
                                + "got \"A:B\"; line ignored",
                        "/etc/stagehand/stagehand.conf:6: expected Key=Value with a key of letters, digits, \"-\", \"_\" and \".\", "
                                + "got \"C\\\"; line ignored");
    }

    @Test
    void valuesAreTakenAsWritten() {
        List<ConfigFile.Setting> s = ConfigFile.parse("[A]\nX=a\\tb %h \"q\"\n", "f", Log.silent());
        assertThat(s.get(0).value()).isEqualTo("a\\tb %h \"q\"");
    }
}
