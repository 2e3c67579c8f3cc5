package dev.stagehand.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.systemd.Latin1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The kernel command line: split into words (systemd's proc_cmdline rules), the words with
 * every flag combination, and a re-quoted command line splitting into the same words; then the
 * generator's plan for that command line, in and outside the initrd, with every property of
 * {@link UnitChecks}.
 */
class KernelCommandLineFuzzTest {
    private static FuzzRoot root;

    /** The first run loads the generator's classes; the 1 s limits (JUnit's in regression mode, HangCheck's) are for one run. */
    @BeforeAll
    static void warmUp() {
        new KernelCommandLineFuzzTest()
                .run(
                        Latin1.bytes(
                                "root=UUID=0a0a0a0a-0000-4000-8000-00000000000a rootflags=noatime rd.luks.uuid=1a1a1a1a-0000-4000-8000-00000000001a"));
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "stagehand.dict")
    void kernelCommandLine(byte[] data) {
        long cpu = HangCheck.start();
        run(data);
        HangCheck.check(cpu);
    }

    private void run(byte[] data) {
        if (root == null) root = FuzzRoot.create("cmdline");
        String text = Latin1.string(data);
        for (boolean initrd : new boolean[] {true, false}) {
            KernelCommandLine k = new KernelCommandLine(text, initrd);
            List<String> raw = k.rawWords();
            for (String w : raw) assertThat(w).doesNotContain("\0");
            for (int flags = 0; flags < 4; flags++) {
                List<KernelCommandLine.Word> words = k.words(flags);
                assertThat(words.size()).isLessThanOrEqualTo(raw.size());
                for (KernelCommandLine.Word w : words) {
                    assertThat(w.key()).isNotNull();
                    if (w.value() == null) assertThat(w.key()).doesNotContain("=");
                    if (!initrd) assertThat(w.writtenKey()).doesNotStartWith("rd.");
                }
            }
            // quoting each word again gives a command line with the same words
            List<String> quoted = new ArrayList<>();
            for (String w : raw) {
                if (w.indexOf('"') < 0) quoted.add("\"" + w + "\"");
                else if (w.indexOf('\'') < 0) quoted.add("'" + w + "'");
            }
            if (quoted.size() == raw.size()) {
                assertThat(new KernelCommandLine(String.join(" ", quoted), initrd).rawWords())
                        .isEqualTo(raw);
            }
        }
        root.put("/etc/initrd-release", new byte[0]);
        root.planAndCheck(root.environment(true, Map.of("SYSTEMD_PROC_CMDLINE", text)));
        root.planAndCheck(root.environment(false, Map.of("SYSTEMD_PROC_CMDLINE", text)));
    }
}
