package dev.stagehand.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsortTest {
    private static List<String[]> pairs(String... tokens) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < tokens.length; i += 2) out.add(new String[] {tokens[i], tokens[i + 1]});
        return out;
    }

    @Test
    void independentItemsComeOutSorted() {
        assertThat(Tsort.sort(pairs("zeta", "zeta", "alpha", "alpha", "Mid", "Mid"))
                        .order())
                .containsExactly("Mid", "alpha", "zeta"); // strcmp: uppercase first
    }

    @Test
    void prerequisitesFirst() {
        // get_prereq_pairs: "NAME NAME" then "PREREQ NAME"
        Tsort.Result r = Tsort.sort(pairs("a", "a", "z", "a", "b", "b", "z", "z"));
        assertThat(r.order()).containsExactly("b", "z", "a");
        assertThat(r.loops()).isEmpty();
    }

    @Test
    void aPrerequisiteThatIsNoScriptStillOrders() {
        // "udev" is no script of this folder but an item to tsort: it comes out first
        assertThat(Tsort.sort(pairs("b", "b", "udev", "b", "a", "a")).order()).containsExactly("a", "udev", "b");
    }

    @Test
    void newestRelationFirstWhenSeveralBecomeFree() {
        // x precedes c, then b: tsort's successor list is newest first, so b joins the queue before c
        assertThat(Tsort.sort(pairs("c", "c", "x", "c", "b", "b", "x", "b", "x", "x"))
                        .order())
                .containsExactly("x", "b", "c");
    }

    @Test
    void aLoopIsBrokenAndReportedEveryItemOnce() {
        Tsort.Result r = Tsort.sort(pairs("a", "a", "c", "a", "b", "b", "a", "b", "c", "c", "b", "c", "d", "d"));
        assertThat(r.order()).hasSize(4).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(r.loops()).hasSize(1);
        assertThat(r.loops().get(0)).containsExactlyInAnyOrder("a", "b", "c");
    }

    /** The order and the loops of GNU tsort itself, for random inputs, where the machine has it. */
    @Test
    void sameAsGnuTsort() throws Exception {
        Path tsort = Path.of("/usr/bin/tsort");
        assumeTrue(Files.isExecutable(tsort), "no /usr/bin/tsort here");
        Random rnd = new Random(5);
        String[] names = {
            "a", "b", "c", "d", "e", "f", "g", "h", "udev", "mdadm", "lvm2", "cryptroot", "Z", "_x", "-y", "1"
        };
        for (int round = 0; round < 400; round++) {
            int n = 1 + rnd.nextInt(names.length);
            List<String[]> in = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String x = names[rnd.nextInt(names.length)];
                in.add(new String[] {x, x});
                int k = rnd.nextInt(4);
                for (int j = 0; j < k; j++) in.add(new String[] {names[rnd.nextInt(names.length)], x});
            }
            StringBuilder text = new StringBuilder();
            for (String[] p : in) text.append(p[0]).append(' ').append(p[1]).append('\n');
            Process p = new ProcessBuilder(tsort.toString()).start();
            p.getOutputStream().write(text.toString().getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII);
            p.waitFor();
            Tsort.Result r = Tsort.sort(in);
            assertThat(r.order()).as("order for\n%s", text).containsExactlyElementsOf(lines(out));
            assertThat(gnuLoops(err)).as("loops for\n%s", text).isEqualTo(r.loops());
        }
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) if (!l.isEmpty()) out.add(l);
        return out;
    }

    /** "PROGRAM: -: input contains a loop:" then one "PROGRAM: ITEM" line per item of the loop. */
    private static List<List<String>> gnuLoops(String err) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (String l : lines(err)) {
            if (l.endsWith("input contains a loop:")) out.add(new ArrayList<>());
            else if (l.contains(": ") && !out.isEmpty()) out.get(out.size() - 1).add(l.substring(l.indexOf(": ") + 2));
        }
        return out;
    }
}
