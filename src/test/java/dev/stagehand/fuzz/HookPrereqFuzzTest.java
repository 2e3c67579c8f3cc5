package dev.stagehand.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stagehand.hooks.HookPoint;
import dev.stagehand.hooks.HookScript;
import dev.stagehand.hooks.HookScripts;
import dev.stagehand.hooks.Prereqs;
import dev.stagehand.hooks.Tsort;
import dev.stagehand.input.Root;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Log;
import dev.stagehand.systemd.Latin1;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The PREREQ lines of initramfs-tools scripts and their order (Prereqs, Tsort): scripts of one
 * folder (/etc/initramfs-tools/scripts/local-top) from one input, in {@link FuzzRoot#hookFiles}'s
 * bundle format ("##> NAME" starts an executable script, "##- NAME" one without an x bit).
 *
 * <ul>
 *   <li>Prereqs.parse terminates with the names (script names only) and the PREREQ line, or a
 *       reason with a line of the script;
 *   <li>Tsort over the pairs initramfs-tools feeds it terminates, every item is in the order
 *       exactly once, and every relation "a before b" is honoured unless a and b are in one
 *       reported loop; every reported loop is a real cycle of the relations (unknown hooks,
 *       loops and long PREREQ lists included);
 *   <li>HookScripts, reading the same scripts from the fake root, runs exactly the usable
 *       scripts (script name, executable, PREREQ readable) in that order, each once;
 *   <li>the generator's plan with these scripts, with every property of {@link UnitChecks}.
 * </ul>
 */
class HookPrereqFuzzTest {
    static final String FOLDER = "/etc/initramfs-tools/scripts/local-top";
    private static FuzzRoot root;

    /** The first run loads the generator's classes; the 1 s limits (JUnit's in regression mode, HangCheck's) are for one run. */
    @BeforeAll
    static void warmUp() {
        new HookPrereqFuzzTest()
                .run(Latin1.bytes(
                        "##> a\nPREREQ=\"b\"\n##> b\nPREREQ='c udev'\n##> c\nPREREQ=a # a loop\n##- d\nPREREQ=\"\"\n"));
    }

    @FuzzTest(maxDuration = "30s")
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    @DictionaryFile(resourcePath = "stagehand.dict")
    void hookPrereqs(byte[] data) {
        long cpu = HangCheck.start();
        run(data);
        HangCheck.check(cpu);
    }

    private void run(byte[] data) {
        if (root == null) root = FuzzRoot.create("hooks");
        List<FuzzRoot.HookFile> files = FuzzRoot.hookFiles(data, FOLDER);
        // the folder as set_initlist sees it: sorted names (C collation), dot files left out
        TreeMap<String, FuzzRoot.HookFile> byName = new TreeMap<>();
        for (FuzzRoot.HookFile f : files) {
            String name = f.logical().substring(FOLDER.length() + 1);
            if (!name.startsWith(".")) byName.put(name, f);
        }
        Set<String> usable = new HashSet<>();
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, FuzzRoot.HookFile> e : byName.entrySet()) {
            String name = e.getKey();
            String text = Latin1.string(e.getValue().content());
            int lines = text.split("\n", -1).length;
            Prereqs.Found found;
            try {
                found = Prereqs.parse(text);
            } catch (Prereqs.BadPrereq bad) {
                assertThat(bad.line)
                        .as("line of \"%s\" in %s", bad.getMessage(), name)
                        .isBetween(1, lines);
                continue;
            }
            assertThat(found.line()).as("PREREQ line of %s", name).isBetween(0, lines);
            if (found.line() == 0) assertThat(found.names()).isEmpty();
            for (String n : found.names())
                assertThat(HookScripts.isScriptName(n))
                        .as("PREREQ word %s of %s", n, name)
                        .isTrue();
            if (!HookScripts.isScriptName(name) || !e.getValue().executable()) continue;
            usable.add(name);
            pairs.add(new String[] {name, name});
            for (String pre : found.names()) pairs.add(new String[] {pre, name});
        }
        Tsort.Result sorted = Tsort.sort(pairs);
        checkOrder(pairs, sorted);

        List<String> expected = new ArrayList<>();
        for (String n : sorted.order()) if (usable.contains(n)) expected.add(n);
        root.putHooks(files);
        root.put("/etc/initrd-release", new byte[0]);
        Log log = Log.silent();
        List<HookScript> got = new HookScripts(new Root(root.base()), log).initramfsTools(HookPoint.LOCAL_TOP);
        assertThat(got.stream().map(HookScript::name).toList())
                .as("the scripts HookScripts runs")
                .isEqualTo(expected);
        for (Diagnostic d : log.messages()) {
            assertThat(d.origin()).as("origin of %s", d).isNotNull();
            assertThat(d.origin().file()).as("file of %s", d).startsWith(FOLDER + "/");
        }
        UnitChecks.checkMessages(log.messages());

        root.planAndCheck(root.environment(
                true, Map.of("SYSTEMD_PROC_CMDLINE", "root=UUID=1a1a1a1a-0000-4000-8000-00000000001a ro")));
    }

    /** Every item once; each relation honoured or inside one reported loop; each loop a cycle of the relations. */
    static void checkOrder(List<String[]> pairs, Tsort.Result sorted) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < sorted.order().size(); i++) {
            assertThat(index.put(sorted.order().get(i), i))
                    .as("%s twice in %s", sorted.order().get(i), sorted.order())
                    .isNull();
        }
        Set<String> relations = new HashSet<>();
        for (String[] p : pairs) {
            assertThat(index).as("the order").containsKey(p[0]).containsKey(p[1]);
            if (!p[0].equals(p[1])) relations.add(p[0] + "\n" + p[1]);
        }
        Set<String> items = new HashSet<>();
        for (String[] p : pairs) {
            items.add(p[0]);
            items.add(p[1]);
        }
        assertThat(index.keySet()).as("the items of the order").isEqualTo(items);
        List<Set<String>> loops = new ArrayList<>();
        for (List<String> loop : sorted.loops()) {
            assertThat(loop.size()).as("loop %s", loop).isGreaterThanOrEqualTo(2);
            assertThat(new HashSet<>(loop)).as("loop %s", loop).hasSize(loop.size());
            for (int i = 0; i < loop.size(); i++) {
                String a = loop.get(i), b = loop.get((i + 1) % loop.size());
                assertThat(relations).as("loop %s: %s before %s", loop, a, b).contains(a + "\n" + b);
            }
            loops.add(new HashSet<>(loop));
        }
        for (String[] p : pairs) {
            if (p[0].equals(p[1]) || index.get(p[0]) < index.get(p[1])) continue;
            boolean inLoop = loops.stream().anyMatch(l -> l.contains(p[0]) && l.contains(p[1]));
            assertThat(inLoop)
                    .as("%s must come before %s in %s (loops %s)", p[0], p[1], sorted.order(), sorted.loops())
                    .isTrue();
        }
    }
}
