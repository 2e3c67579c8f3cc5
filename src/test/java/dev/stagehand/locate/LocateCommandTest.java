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
        assertThat(err.toString())
                .startsWith("stagehand: PARTLABEL=system is /dev/vda2, partition 2 of /dev/vda, found by");
    }

    @Test
    void aRightHintIsLookedAtFirstAndTheOtherDisksStillAre() throws Exception {
        disks("other", "system");
        assertThat(run("--timeout=0", "--hint=/dev/vdb", "PARTLABEL=system")).isZero();
        assertThat(out.toString()).isEqualTo("/dev/vdb2\n");
        assertThat(err.toString())
                .startsWith(
                        "stagehand: the hint /dev/vdb holds PARTLABEL=system: /dev/vdb2; every other disk is still read\n"
                                + "stagehand: PARTLABEL=system is /dev/vdb2, partition 2 of /dev/vdb");
    }

    @Test
    void aWrongHintCostsOnlyTheLook() throws Exception {
        disks("system", "other");
        assertThat(run("--timeout=0", "--hint=vdb", "PARTLABEL=system")).isZero();
        assertThat(out.toString()).isEqualTo("/dev/vda2\n");
        assertThat(err.toString())
                .startsWith(
                        "stagehand: the hint /dev/vdb does not hold PARTLABEL=system (2 partitions); reading every disk\n");
        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
        assertThat(run("--timeout=0", "--hint=/dev/nvme9n9", "PARTLABEL=system"))
                .isZero();
        assertThat(err.toString())
                .startsWith("stagehand: the hint /dev/nvme9n9 has no partitions (yet); reading every disk\n");
    }

    @Test
    void aHintMatchDoesNotHideADuplicateOnAnotherDisk() throws Exception {
        disks("system", "system");
        assertThat(run("--timeout=0", "--hint=/dev/vda", "PARTLABEL=system")).isEqualTo(1);
        assertThat(err.toString())
                .contains("the hint /dev/vda holds PARTLABEL=system")
                .contains("is on two disks: /dev/vda2 and /dev/vdb2");
    }

    @Test
    void severalSpecsAreLookedForInTurnEachOnALine() throws Exception {
        disks("system", "other");
        assertThat(run("--timeout=0", "PARTLABEL=system", "PARTLABEL=other")).isZero();
        assertThat(out.toString()).isEqualTo("/dev/vda2\n/dev/vdb2\n");
        out.getBuffer().setLength(0);
        assertThat(run("--timeout=0", "PARTLABEL=system", "PARTLABEL=absent", "PARTLABEL=other"))
                .isEqualTo(1);
        assertThat(out.toString()).as("one missing does not stop the rest").isEqualTo("/dev/vda2\n/dev/vdb2\n");
        assertThat(run("--timeout=0", "--missing-ok", "PARTLABEL=system", "PARTLABEL=absent"))
                .isZero();
    }

    @Test
    void aHintThatIsNoDiskIsAUsageError() throws Exception {
        disks("system");
        assertThat(run("--timeout=0", "--hint=/dev/disk/by-id/x", "PARTLABEL=system"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--hint: expected a disk such as /dev/nvme0n1");
    }

    @Test
    void noneIsExitOneUnlessMissingIsOk() throws Exception {
        disks("other");
        assertThat(run("--timeout=0", "PARTLABEL=system")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .isEqualTo("stagehand: no partition with PARTLABEL=system yet (looked at 1 disks, 2 partitions)\n");
        assertThat(run("--timeout=0", "--missing-ok", "PARTLABEL=system")).isZero();
        assertThat(run("--timeout=200ms", "PARTLABEL=system")).isEqualTo(1);
    }

    @Test
    void twoIsExitOneEvenWhenMissingIsOk() throws Exception {
        disks("system", "system");
        assertThat(run("--timeout=0", "--missing-ok", "/dev/disk/by-partlabel/system"))
                .isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .startsWith("stagehand: PARTLABEL=system is on two disks: /dev/vda2 and /dev/vdb2; refusing");
    }

    @Test
    void usageErrors() throws Exception {
        disks("system");
        assertThat(run("LABEL=root")).isEqualTo(2);
        assertThat(err.toString()).contains("\"LABEL=root\" is not a partition: expected PARTLABEL=NAME");
        assertThat(run("--timeout=soon", "PARTLABEL=x")).isEqualTo(2);
    }
}
