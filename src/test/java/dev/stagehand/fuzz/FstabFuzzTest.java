package dev.stagehand.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stagehand.input.FstabFile;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Log;
import dev.stagehand.systemd.Latin1;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * fstab: the getmntent()-style reader (entries in line order, each with a mount point, no NUL,
 * every message with its file:line), then the generator's plan with this text as the initrd's
 * /etc/fstab, and as /sysroot/etc/fstab (even lengths) or the host's /etc/fstab (odd ones);
 * root= is given, so there is something to collide with. Every property of {@link UnitChecks}.
 */
class FstabFuzzTest {
    private static FuzzRoot root;

    /** The first run loads the generator's classes; the 1 s limits (JUnit's in regression mode, HangCheck's) are for one run. */
    @BeforeAll
    static void warmUp() {
        new FstabFuzzTest().run(Latin1.bytes("/dev/vdb /srv ext4 x-systemd.makefs,x-systemd.growfs 0 2\n"));
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "stagehand.dict")
    void fstab(byte[] data) {
        long cpu = HangCheck.start();
        run(data);
        HangCheck.check(cpu);
    }

    private void run(byte[] data) {
        if (root == null) root = FuzzRoot.create("fstab");
        String text = Latin1.string(data);
        Log log = Log.silent();
        List<FstabFile.Entry> entries = FstabFile.parse(text, "/etc/fstab", log);
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        int last = 0;
        for (FstabFile.Entry e : entries) {
            assertThat(e.origin().line()).isGreaterThan(last).isLessThanOrEqualTo((int) lines);
            last = e.origin().line();
            assertThat(e.where()).isNotEmpty();
            for (String f : new String[] {e.what(), e.where(), e.type(), e.options()})
                assertThat(f).doesNotContain("\0");
        }
        for (Diagnostic d : log.messages()) {
            assertThat(d.origin()).as("origin of %s", d).isNotNull();
            assertThat(d.origin().line()).as("line of %s", d).isBetween(1, (int) lines);
        }
        UnitChecks.checkMessages(log.messages());

        root.put("/etc/fstab", data);
        root.put("/sysroot/etc/fstab", null);
        root.put("/etc/initrd-release", new byte[0]);
        Map<String, String> cmdline = Map.of("SYSTEMD_PROC_CMDLINE", "root=/dev/vda1 rw");
        root.planAndCheck(root.environment(true, cmdline));
        // a second plan (two cost less than three): inputs of even length as /sysroot/etc/fstab,
        // odd ones as the host's /etc/fstab outside the initrd
        if (data.length % 2 == 0) {
            root.put("/etc/fstab", null);
            root.put("/sysroot/etc/fstab", data);
            root.planAndCheck(root.environment(true, cmdline));
        } else {
            root.planAndCheck(root.environment(false, cmdline));
        }
    }
}
