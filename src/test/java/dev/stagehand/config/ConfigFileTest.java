package dev.stagehand.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.log.Log;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
    @Test
    void settingsWithTheirLinesAndBadLinesReported() {
        Log log = Log.silent();
        List<ConfigFile.Setting> s = ConfigFile.parse("# c\n; c\nKey=outside\n[RootWait]\n Budget = 30s \nBudget=45s\n"
                + "nonsense\n[Raid]\nPath=C:\\x\\\n", "/etc/stagehand/stagehand.conf", log);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).value()).isEqualTo("45s"); // the last of repeated keys
        assertThat(s.get(0).origin().toString()).isEqualTo("/etc/stagehand/stagehand.conf:6");
        assertThat(log.messages()).extracting(Object::toString).containsExactly(
                "/etc/stagehand/stagehand.conf:3: expected a [Section] before \"Key=outside\"; line ignored",
                "/etc/stagehand/stagehand.conf:7: expected [Section], Key=Value or a # comment, got \"nonsense\"; line ignored",
                "/etc/stagehand/stagehand.conf:9: a value may not end with a backslash (no line continuations); line ignored");
    }

    @Test
    void valuesAreTakenAsWritten() {
        List<ConfigFile.Setting> s = ConfigFile.parse("[A]\nX=a\\tb %h \"q\"\n", "f", Log.silent());
        assertThat(s.get(0).value()).isEqualTo("a\\tb %h \"q\"");
    }
}
