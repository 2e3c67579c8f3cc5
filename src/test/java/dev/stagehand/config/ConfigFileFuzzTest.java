package dev.stagehand.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stagehand.fuzz.FuzzRoot;
import dev.stagehand.fuzz.HangCheck;
import dev.stagehand.fuzz.UnitChecks;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Log;
import dev.stagehand.systemd.Latin1;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * stagehand.conf (ConfigFile: a line check, then ini4j): no exception out of ini4j, every
 * setting in a named section with a key and a value that stay on one line and do not end in a
 * backslash, every message with its file:line, and what ini4j read is exactly what the lines
 * say (Key=Value split at the first "=", the last of a key winning) with each setting's line;
 * then the generator's plan with this file as
 * /etc/stagehand/stagehand.conf and a root device (so [RootWait] Budget= reaches the root wait's
 * ExecStart=), with every property of {@link UnitChecks}.
 */
class ConfigFileFuzzTest {
    private static FuzzRoot root;

    /** The first run loads the generator's classes; the 1 s limits (JUnit's in regression mode, HangCheck's) are for one run. */
    @BeforeAll
    static void warmUp() {
        new ConfigFileFuzzTest().run(Latin1.bytes("[RootWait]\nBudget=2min\n"));
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "/dev/stagehand/fuzz/stagehand.dict")
    void configFile(byte[] data) {
        long cpu = HangCheck.start();
        run(data);
        HangCheck.check(cpu);
    }

    private void run(byte[] data) {
        if (root == null) root = FuzzRoot.create("config");
        String text = Latin1.string(data);
        Log log = Log.silent();
        List<ConfigFile.Setting> settings = ConfigFile.parse(text, "/etc/stagehand/stagehand.conf", log);
        int lines = text.split("\n", -1).length;
        for (ConfigFile.Setting s : settings) {
            assertThat(s.section()).isNotEmpty();
            assertThat(s.key()).isNotEmpty();
            for (String f : new String[] {s.section(), s.key(), s.value()})
                assertThat(f).doesNotContain("\n", "\r", "\0");
            assertThat(s.value()).doesNotEndWith("\\");
            assertThat(s.origin().line()).as("line of %s", s).isBetween(1, lines);
        }
        // what ini4j made of the lines the line check let through is exactly those lines:
        // Key=Value split at the first "=", both stripped, the last of a section's key winning
        Map<String, String> expected = new LinkedHashMap<>();
        String section = null;
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String l = all[i].strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) continue;
            if (l.chars().anyMatch(c -> (c < ' ' && c != '\t') || c == 127)) continue;
            if (l.startsWith("[")
                    && l.endsWith("]")
                    && l.indexOf(']') == l.length() - 1
                    && l.substring(1, l.length() - 1).isBlank()) {
                section = null; // "[ ]": reported, and what follows up to the next section with it
            } else if (l.startsWith("[") && l.endsWith("]") && l.indexOf(']') == l.length() - 1 && l.length() > 2) {
                section = l.substring(1, l.length() - 1).strip();
            } else if (l.indexOf('=') > 0 && section != null && !l.endsWith("\\")) {
                String key = l.substring(0, l.indexOf('=')).strip();
                if (key.chars()
                        .allMatch(c -> (c < 128 && Character.isLetterOrDigit(c)) || c == '-' || c == '_' || c == '.')) {
                    expected.put(
                            section + " / " + key,
                            l.substring(l.indexOf('=') + 1).strip() + " @" + (i + 1));
                }
            }
        }
        Map<String, String> got = new LinkedHashMap<>();
        for (ConfigFile.Setting s : settings)
            got.put(s.section() + " / " + s.key(), s.value() + " @" + s.origin().line());
        assertThat(got).as("settings read by ini4j").isEqualTo(expected);
        for (Diagnostic d : log.messages()) {
            assertThat(d.origin()).as("origin of %s", d).isNotNull();
            assertThat(d.origin().line()).as("line of %s", d).isBetween(1, lines);
        }
        UnitChecks.checkMessages(log.messages());

        root.put("/etc/stagehand/stagehand.conf", data);
        root.put("/etc/initrd-release", new byte[0]);
        root.planAndCheck(root.environment(true, Map.of("SYSTEMD_PROC_CMDLINE", "root=/dev/vda1")));
    }
}
