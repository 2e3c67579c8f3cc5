package dev.stagehand.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stagehand.input.CrypttabFile;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Log;
import dev.stagehand.systemd.Latin1;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * crypttab: the reader (fields are runs of non-blanks: no blank, line break or NUL inside one;
 * every message with its file:line), then the generator's plan with this crypttab, once alone
 * and once with a root on a volume named on the command line, with every property of
 * {@link UnitChecks}.
 */
class CrypttabFuzzTest {
    private static FuzzRoot root;

    /** The first run loads the generator's classes; the 1 s limits (JUnit's in regression mode, HangCheck's) are for one run. */
    @BeforeAll
    static void warmUp() {
        new CrypttabFuzzTest().run(Latin1.bytes("luks-a /dev/vdc /k keyfile-timeout=5s,header=/h:/dev/vdd\n"));
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "stagehand.dict")
    void crypttab(byte[] data) {
        long cpu = HangCheck.start();
        run(data);
        HangCheck.check(cpu);
    }

    private void run(byte[] data) {
        if (root == null) root = FuzzRoot.create("crypttab");
        String text = Latin1.string(data);
        Log log = Log.silent();
        List<CrypttabFile.Entry> entries = CrypttabFile.parse(text, "/etc/crypttab", log);
        for (CrypttabFile.Entry e : entries) {
            assertThat(e.name()).isNotEmpty();
            assertThat(e.device()).isNotEmpty();
            for (String f : new String[] {e.name(), e.device(), e.keySpec(), e.options()}) {
                if (f == null) continue;
                assertThat(f).doesNotContain(" ", "\t", "\n", "\r", "\0", "\u000b", "\f");
            }
        }
        for (Diagnostic d : log.messages()) {
            assertThat(d.origin()).as("origin of %s", d).isNotNull();
            assertThat(d.origin().line()).as("line of %s", d).isPositive();
        }
        UnitChecks.checkMessages(log.messages());

        root.put("/etc/crypttab", data);
        root.put("/etc/initrd-release", new byte[0]);
        root.planAndCheck(root.environment(true, Map.of("SYSTEMD_PROC_CMDLINE", "")));
        root.planAndCheck(
                root.environment(
                        true,
                        Map.of(
                                "SYSTEMD_PROC_CMDLINE",
                                "root=/dev/mapper/luks-1a1a1a1a-0000-4000-8000-00000000001a rd.luks.uuid=1a1a1a1a-0000-4000-8000-00000000001a")));
    }
}
