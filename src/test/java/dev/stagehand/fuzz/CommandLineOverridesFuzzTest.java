package dev.stagehand.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Log;
import dev.stagehand.retry.CommandLineOverrides;
import dev.stagehand.systemd.Latin1;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The overrides file of `stagehand retry` (/run/stagehand/cmdline-overrides): every item is a
 * word `stagehand retry` would accept, one per key, and the rendered file reads back to the same
 * items; applied to a command line, each overridden key is there once (set) or not at all
 * (unset). Then the generator's plan with the file in place, with every property of
 * {@link UnitChecks}.
 */
class CommandLineOverridesFuzzTest {
    private static FuzzRoot root;
    private static final List<String> BASE = List.of("root=/dev/vda1", "ro", "rd.timeout=30", "rootflags=noatime");

    /** The first run loads the generator's classes; the 1 s limits (JUnit's in regression mode, HangCheck's) are for one run. */
    @BeforeAll
    static void warmUp() {
        new CommandLineOverridesFuzzTest().run(Latin1.bytes("set root=/dev/vdb\nunset rd.timeout\n"));
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "stagehand.dict")
    void overrides(byte[] data) {
        long cpu = HangCheck.start();
        run(data);
        HangCheck.check(cpu);
    }

    private void run(byte[] data) {
        if (root == null) root = FuzzRoot.create("overrides");
        String text = Latin1.string(data);
        Log log = Log.silent();
        CommandLineOverrides o = CommandLineOverrides.parse(text, CommandLineOverrides.PATH, log);
        for (CommandLineOverrides.Item i : o.items()) {
            assertThat(CommandLineOverrides.problem(i.word() == null ? i.key() : i.word()))
                    .as("item %s", i)
                    .isNull();
            assertThat(o.items().stream().filter(j -> j.key().equals(i.key())).count())
                    .as("items for %s", i.key())
                    .isEqualTo(1);
        }
        Log again = Log.silent();
        assertThat(CommandLineOverrides.parse(o.render(), CommandLineOverrides.PATH, again)
                        .items())
                .isEqualTo(o.items());
        assertThat(again.messages()).isEmpty();
        List<String> applied = o.apply(BASE);
        for (CommandLineOverrides.Item i : o.items()) {
            long n = applied.stream()
                    .filter(w -> CommandLineOverrides.keyOf(w).equals(i.key()))
                    .count();
            assertThat(n).as("words for %s in %s", i.key(), applied).isEqualTo(i.word() == null ? 0 : 1);
        }
        for (Diagnostic d : log.messages())
            assertThat(d.origin().line()).as("line of %s", d).isPositive();
        UnitChecks.checkMessages(log.messages());

        root.put(CommandLineOverrides.PATH, data);
        root.put("/etc/initrd-release", new byte[0]);
        root.planAndCheck(root.environment(true, Map.of("SYSTEMD_PROC_CMDLINE", String.join(" ", BASE))));
    }
}
