package dev.stagehand.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stagehand.input.MdadmConf;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Log;
import dev.stagehand.systemd.Latin1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * mdadm.conf: the reader (ARRAY lines in line order, each with an identity, a uuid of 32
 * lower-case hex digits or none, a name of at most 32 bytes, no line break in any field, every
 * message with its file:line), and what it read is consistent: each array written again as one
 * ARRAY line (every word quoted) reads back as the same array without a message. Then the
 * generator's plan with this text as Debian's /etc/mdadm/mdadm.conf and the root on an md array
 * (/dev/md/root; inputs of odd length also name an array by rd.md.uuid=), with a stagehand.conf
 * that has [MD] and [MD:root] sections, and every property of {@link UnitChecks}.
 */
class MdadmConfFuzzTest {
    static final String PATH = "/etc/mdadm/mdadm.conf";
    private static FuzzRoot root;

    /** The first run loads the generator's classes; the 1 s limits (JUnit's in regression mode, HangCheck's) are for one run. */
    @BeforeAll
    static void warmUp() {
        new MdadmConfFuzzTest()
                .run(
                        Latin1.bytes(
                                "DEVICE partitions\nARRAY /dev/md/root metadata=1.2 name=host:root UUID=1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e\n"));
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "stagehand.dict")
    void mdadmConf(byte[] data) {
        long cpu = HangCheck.start();
        run(data);
        HangCheck.check(cpu);
    }

    private void run(byte[] data) {
        if (root == null) root = FuzzRoot.create("mdadm");
        String text = Latin1.string(data);
        int lines = text.split("\n", -1).length;
        Log log = Log.silent();
        MdadmConf.Conf conf = MdadmConf.parse(text, PATH, log);
        int last = 0;
        for (MdadmConf.Array a : conf.arrays()) {
            assertThat(a.origin().file()).isEqualTo(PATH);
            assertThat(a.origin().line())
                    .as("line of %s", a)
                    .isGreaterThan(last)
                    .isLessThanOrEqualTo(lines);
            last = a.origin().line();
            assertThat(a.uuid() != null
                            || a.devices() != null
                            || a.name() != null
                            || (a.container() != null && a.member() != null))
                    .as("identity of %s", a)
                    .isTrue();
            if (a.uuid() != null) assertThat(a.uuid()).matches("[0-9a-f]{32}");
            if (a.name() != null)
                assertThat(a.name().length()).as("name of %s", a).isLessThanOrEqualTo(32);
            for (String f : fields(a)) if (f != null) assertThat(f).doesNotContain("\n");
            assertThat(a.raidDisks()).isGreaterThanOrEqualTo(-1);
            assertThat(a.spares()).isGreaterThanOrEqualTo(-1);
            String again = render(a);
            if (again != null) {
                Log quiet = Log.silent();
                MdadmConf.Conf back = MdadmConf.parse(again, PATH, quiet);
                assertThat(quiet.messages()).as("messages reading %s", again).isEmpty();
                assertThat(back.arrays()).as("arrays of %s", again).hasSize(1);
                MdadmConf.Array b = back.arrays().get(0);
                assertThat(fields(b)).as("%s read again", again).isEqualTo(fields(a));
                assertThat(List.of(b.raidDisks(), b.spares()))
                        .as("%s read again", again)
                        .isEqualTo(List.of(a.raidDisks(), a.spares()));
            }
        }
        if (conf.homehost() != null) assertThat(conf.homehost()).doesNotContain("\n");
        for (Diagnostic d : log.messages()) {
            assertThat(d.origin()).as("origin of %s", d).isNotNull();
            assertThat(d.origin().file()).as("file of %s", d).isEqualTo(PATH);
            assertThat(d.origin().line()).as("line of %s", d).isBetween(1, lines);
        }
        UnitChecks.checkMessages(log.messages());

        root.put(PATH, data);
        root.put("/etc/initrd-release", new byte[0]);
        root.put("/etc/stagehand/stagehand.conf", Latin1.bytes("[MD]\nTimeout=20\n[MD:root]\nDegraded=ask\n"));
        String cmdline = data.length % 2 == 0
                ? "root=/dev/md/root"
                : "rd.md.uuid=1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e root=/dev/md/root";
        root.planAndCheck(root.environment(true, Map.of("SYSTEMD_PROC_CMDLINE", cmdline)));
    }

    private static List<String> fields(MdadmConf.Array a) {
        List<String> out = new ArrayList<>();
        for (String f : new String[] {
            a.devname(), a.uuid(), a.name(), a.level(), a.container(), a.member(), a.metadata(), a.devices()
        }) out.add(f);
        return out;
    }

    /** The array as one ARRAY line, every word quoted; null if a value holds both quote characters. */
    static String render(MdadmConf.Array a) {
        List<String> words = new ArrayList<>(List.of("ARRAY"));
        String[][] kv = {
            {"", a.devname()},
            {"uuid=", a.uuid()},
            {"name=", a.name()},
            {"level=", a.level()},
            {"container=", a.container()},
            {"member=", a.member()},
            {"metadata=", a.metadata()},
            {"devices=", a.devices()},
            {"disks=", a.raidDisks() < 0 ? null : Integer.toString(a.raidDisks())},
            {"spares=", a.spares() < 0 ? null : Integer.toString(a.spares())}
        };
        for (String[] p : kv) {
            if (p[1] == null) continue;
            String w = p[0] + p[1];
            if (w.indexOf('"') < 0) words.add("\"" + w + "\"");
            else if (w.indexOf('\'') < 0) words.add("'" + w + "'");
            else return null;
        }
        return String.join(" ", words) + "\n";
    }
}
