package dev.stagehand.locate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.cli.StagehandCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** stagehand locate as a script sees it: the node on stdout, one line on stderr, the exit status. */
class LocateCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "locate";
        all[1] = "--root";
        all[2] = dir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        CommandLine c = StagehandCommand.full();
        c.setOut(new PrintWriter(out));
        c.setErr(new PrintWriter(err));
        return c.execute(all);
    }

    void disks(String... labels) throws Exception {
        FakeBlock f = new FakeBlock(dir);
        char disk = 'a';
        for (String l : labels) {
            GptImage g = LocateTest.disk("esp", l);
            f.disk("vd" + disk, g.bytes(), 512);
            f.partitions("vd" + disk, g, "");
            disk++;
        }
    }

    @Test
    void foundPrintsTheNode() throws Exception {
        disks("system");
        assertThat(run("--timeout=0", "PARTLABEL=system")).isZero();
        assertThat(out.toString()).isEqualTo("/dev/vda2\n");
        assertThat(err.toString()).startsWith("stagehand: PARTLABEL=system is /dev/vda2, partition 2 of /dev/vda, found by");
    }

    @Test
    void noneIsExitOneUnlessMissingIsOk() throws Exception {
        disks("other");
        assertThat(run("--timeout=0", "PARTLABEL=system")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("stagehand: no partition with PARTLABEL=system yet (looked at 1 disks, 2 partitions)\n");
        assertThat(run("--timeout=0", "--missing-ok", "PARTLABEL=system")).isZero();
        assertThat(run("--timeout=200ms", "PARTLABEL=system")).isEqualTo(1);
    }

    @Test
    void twoIsExitOneEvenWhenMissingIsOk() throws Exception {
        disks("system", "system");
        assertThat(run("--timeout=0", "--missing-ok", "/dev/disk/by-partlabel/system")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("stagehand: PARTLABEL=system is on two disks: /dev/vda2 and /dev/vdb2; refusing");
    }

    @Test
    void usageErrors() throws Exception {
        disks("system");
        assertThat(run("LABEL=root")).isEqualTo(2);
        assertThat(err.toString()).contains("\"LABEL=root\" is not a partition: expected PARTLABEL=NAME");
        assertThat(run("--timeout=soon", "PARTLABEL=x")).isEqualTo(2);
    }
}
