package dev.stagehand.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stagehand.Generator;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.Plan;
import dev.stagehand.systemd.Latin1;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The whole generator on a random fake root: /proc/cmdline, /etc/fstab, /sysroot/etc/fstab,
 * /etc/crypttab, /etc/stagehand/stagehand.conf, /run/stagehand/cmdline-overrides, /etc/mdadm.conf,
 * legacy hook scripts (initramfs-tools' and NixOS'), /etc/lvm/lvm.conf and dracut's command line
 * files (/etc/cmdline.d/90dracut.conf, /etc/cmdline) from one input, a run into temporary folders, and every property of {@link UnitChecks} on the plan and
 * on what was written; the written tree must be exactly the plan run() returns, and run() must
 * return (the generator always exits 0).
 *
 * <p>The output goes to three folders (normal, early, late), as systemd passes them.
 *
 * <p>Input format (see {@link #split}): one flag byte (bit 0: in the initrd, bit 1:
 * SYSTEMD_FORCE_MEASURE=1, bit 2: dracut's /sbin/lvm_scan is there; '1' is the usual initrd), then the files in the
 * order above, separated by the line "--8<--"; a file not reached is absent. The hook scripts
 * are one part, a bundle of files in {@link FuzzRoot#hookFiles}'s format ("##> etc/local-top/NAME"
 * starts an executable script, "usr/", "initrd/" (with ORDER files) and "nixos/NAME" other
 * places, "##- " a file without an x bit). Inputs of six or eight parts (older corpora) stay valid. Seeds are in
 * src/test/resources/dev/stagehand/fuzz/GeneratorFuzzTestInputs/generator (made from the golden
 * cases by src/test/fuzz/seeds.py).
 */
class GeneratorFuzzTest {
    /** The part that holds the hook scripts (not a file). */
    static final String HOOKS = "hooks";

    static final String[] FILES = {
        "/proc/cmdline",
        "/etc/fstab",
        "/sysroot/etc/fstab",
        "/etc/crypttab",
        "/etc/stagehand/stagehand.conf",
        "/run/stagehand/cmdline-overrides",
        "/etc/mdadm.conf",
        HOOKS,
        "/etc/lvm/lvm.conf",
        "/etc/cmdline.d/90dracut.conf",
        "/etc/cmdline"
    };
    static final byte[] SEPARATOR = Latin1.bytes("\n--8<--\n");

    private static FuzzRoot root;

    /** The flag byte and up to eleven parts (null: absent). */
    record Input(int flags, byte[][] files) {
        boolean inInitrd() {
            return (flags & 1) != 0;
        }

        boolean measured() {
            return (flags & 2) != 0;
        }

        boolean dracutLvmScan() {
            return (flags & 4) != 0;
        }
    }

    static Input split(byte[] data) {
        byte[][] files = new byte[FILES.length][];
        if (data.length == 0) return new Input(1, files);
        int pos = 1;
        for (int i = 0; i < FILES.length && pos <= data.length; i++) {
            int sep = indexOf(data, SEPARATOR, pos);
            int end = sep < 0 ? data.length : sep;
            files[i] = Arrays.copyOfRange(data, pos, end);
            pos = sep < 0 ? data.length + 1 : sep + SEPARATOR.length;
        }
        return new Input(data[0], files);
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        outer:
        for (int i = from; i + what.length <= data.length; i++) {
            for (int j = 0; j < what.length; j++) if (data[i + j] != what[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** The first run loads the generator's classes; the 1 s limits (JUnit's in regression mode, HangCheck's) are for one run. */
    @BeforeAll
    static void warmUp() throws Exception {
        new GeneratorFuzzTest()
                .run(
                        Latin1.bytes(
                                "1root=/dev/vda1 ro\n--8<--\n/dev/vdb /srv ext4 x-systemd.makefs 0 2\n--8<--\n--8<--\n"
                                        + "luks-a /dev/vdc none\n--8<--\n--8<--\n--8<--\nARRAY /dev/md/data uuid=5a5a5a5a:6b6b6b6b:7c7c7c7c:8d8d8d8d\n--8<--\n"
                                        + "##> etc/local-top/a\nPREREQ=\"b\"\n##> usr/local-top/b\n##> nixos/postDeviceCommands\necho hi\n"));
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "stagehand.dict")
    void generator(byte[] data) throws Exception {
        long cpu = HangCheck.start();
        run(data);
        HangCheck.check(cpu);
    }

    private void run(byte[] data) throws Exception {
        if (root == null) root = FuzzRoot.create("generator");
        Input in = split(data);
        for (int i = 0; i < FILES.length; i++) {
            if (FILES[i].equals(HOOKS)) {
                root.putHooks(in.files()[i] == null ? List.of() : FuzzRoot.hookFiles(in.files()[i], null));
            } else {
                root.put(FILES[i], in.files()[i]);
            }
        }
        root.put("/etc/initrd-release", in.inInitrd() ? new byte[0] : null);
        root.put("/sbin/lvm_scan", in.dracutLvmScan() ? Latin1.bytes("#!/bin/sh\n") : null);
        Map<String, String> extra = new HashMap<>();
        if (in.measured()) extra.put("SYSTEMD_FORCE_MEASURE", "1");
        Environment env = root.environment(in.inInitrd(), extra);

        Path out = root.base().resolve("out");
        FuzzRoot.clear(out);
        Path normal = out.resolve("normal");
        Path early = out.resolve("early");
        Path late = out.resolve("late");
        Log log = Log.silent();
        Plan plan = new Generator(env, log).run(normal, early, late); // must return: the generator always exits 0
        // what each folder should hold: the plan as rendered once by checkPlan
        Map<OutputDir, Map<String, Object>> expected = UnitChecks.checkPlan(plan);
        UnitChecks.checkMessages(log.messages());

        Map<OutputDir, Path> dirs = new HashMap<>();
        dirs.put(OutputDir.NORMAL, normal);
        dirs.put(OutputDir.EARLY, early);
        dirs.put(OutputDir.LATE, late);
        for (OutputDir d : OutputDir.values()) {
            Map<String, Object> got = UnitChecks.checkTree(dirs.get(d));
            assertThat(describe(got)).as("what %s holds, against the plan", d).isEqualTo(describe(expected.get(d)));
        }
    }

    private static List<String> describe(Map<String, Object> tree) {
        List<String> out = new ArrayList<>();
        tree.forEach((k, v) -> out.add(k + " " + (v instanceof byte[] b ? Latin1.string(b) : v)));
        return out;
    }
}
