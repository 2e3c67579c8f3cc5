package dev.stagehand.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stagehand.input.LvmConf;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Level;
import dev.stagehand.log.Log;
import dev.stagehand.systemd.Latin1;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * lvm.conf: the reader (setting paths are names joined by "/", every message with its file and,
 * unless it is about the whole file, its line; a file without syntax errors says nothing at
 * error level), then the generator's plan with this file as lvm.conf and as lvmlocal.conf and
 * an LV root, with every property of {@link UnitChecks}.
 */
class LvmConfFuzzTest {
    private static FuzzRoot root;

    /** The first run loads the generator's classes; JUnit's 1 s limit (regression mode) is for one run. */
    @BeforeAll
    static void warmUp() {
        new LvmConfFuzzTest()
                .lvmConf(
                        Latin1.bytes(
                                "devices { filter = [ \"a|^/dev/vd.*|\", \"r|.*|\" ] }\nactivation { activation_mode = \"complete\" }\n"));
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "stagehand.dict")
    void lvmConf(byte[] data) {
        if (root == null) root = FuzzRoot.create("lvmconf");
        String text = Latin1.string(data);
        Log log = Log.silent();
        LvmConf.Conf c = LvmConf.parse(text, "/etc/lvm/lvm.conf", log);
        for (var e : c.settings().entrySet()) {
            assertThat(e.getKey()).isNotEmpty().doesNotContain("{", "}", "=", " ", "\n", "#", "\"");
            assertThat(e.getValue().origin().line()).isPositive();
        }
        for (Diagnostic d : log.messages()) {
            assertThat(d.origin()).as("origin of %s", d).isNotNull();
            assertThat(d.origin().file()).isEqualTo("/etc/lvm/lvm.conf");
        }
        if (c.syntaxErrors() == 0) assertThat(log.messages()).noneMatch(d -> d.level() == Level.ERR);
        else assertThat(log.messages()).anyMatch(d -> d.message().contains("lvm refuses the whole file"));
        UnitChecks.checkMessages(log.messages());

        root.put("/etc/initrd-release", new byte[0]);
        root.put("/etc/lvm/lvm.conf", data);
        root.planAndCheck(root.environment(true, Map.of("SYSTEMD_PROC_CMDLINE", "rd.lvm.vg=vg0 root=/dev/vg0/root")));
        root.put("/etc/lvm/lvm.conf", new byte[0]);
        root.put("/etc/lvm/lvmlocal.conf", data);
        root.planAndCheck(root.environment(
                true,
                Map.of("SYSTEMD_PROC_CMDLINE", "rd.lvm.lv=vg-1/lv root=UUID=1a1a1a1a-0000-4000-8000-00000000001a")));
        root.put("/etc/lvm/lvmlocal.conf", new byte[0]);
    }
}
