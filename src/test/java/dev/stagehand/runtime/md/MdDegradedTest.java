package dev.stagehand.runtime.md;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.wait.PolicyAnnouncer;
import dev.stagehand.wait.PolicyState;
import dev.stagehand.wait.ToolOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MdDegradedTest {
    static final String UUID = "1b1b1b1b:2c2c2c2c:3d3d3d3d:4e4e4e4e";

    @TempDir
    Path dir;

    private final List<String> mdadm = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private String answer = "y";
    private int reAddStatus = 0;
    private int addStatus = 0;

    /** A fake /sys with md127 inactive holding one of two members, and md126 (another array) inactive. */
    private void inactiveArrays() throws Exception {
        for (String md : List.of("md126", "md127")) {
            Files.createDirectories(dir.resolve("sys/block/" + md + "/md/dev-vdb"));
            Files.writeString(dir.resolve("sys/block/" + md + "/md/array_state"), "inactive\n");
            Files.writeString(
                    dir.resolve("sys/block/" + md + "/md/raid_disks"),
                    "1\n"); // as the kernel says for an inactive array
        }
    }

    private MdDegraded degraded(String policy) {
        AtomicLong clock = new AtomicLong();
        MdDegraded.Host host = new MdDegraded.Host() {
            @Override
            public ToolOutput mdadm(List<String> args) {
                mdadm.add(String.join(" ", args));
                if (args.get(0).equals("--detail")) {
                    String uuid = args.get(2).endsWith("md127") ? UUID : "99999999:2c2c2c2c:3d3d3d3d:4e4e4e4e";
                    return new ToolOutput(0, "MD_LEVEL=raid1\nMD_DEVICES=1\nMD_UUID=" + uuid + "\n");
                }
                if (args.get(0).equals("--examine")
                        && assembleOnExamine
                        && args.get(2).equals("/dev/vdc")) {
                    try {
                        Files.createDirectories(dir.resolve("sys/block/md127/md/dev-vdc"));
                        Files.writeString(dir.resolve("sys/block/md127/md/array_state"), "inactive\n");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                if (args.get(0).equals("--examine")) {
                    String uuid = args.get(2).equals("/dev/vdc") ? UUID : "99999999:2c2c2c2c:3d3d3d3d:4e4e4e4e";
                    return new ToolOutput(0, "MD_LEVEL=raid1\nMD_DEVICES=2\nMD_UUID=" + uuid + "\n");
                }
                if (args.get(0).equals("--run"))
                    stateAtRun.add(PolicyState.read(dir.resolve("policy/" + PolicyState.mdName(UUID))));
                if (args.contains("--re-add")) return new ToolOutput(reAddStatus, "");
                if (args.contains("--add")) return new ToolOutput(addStatus, "");
                return new ToolOutput(0, "");
            }

            @Override
            public String ask(String question, long timeoutSeconds) {
                asked.add(question);
                return answer;
            }
        };
        // every look at the clock moves it 1 s on: the 5 s timeout runs out without sleeping; each
        // look also notes what the policy's state file tells the root wait at that moment
        MdDegraded d = new MdDegraded(
                UUID,
                "root",
                policy,
                5_000_000_000L,
                dir.resolve("sys"),
                dir.resolve("dev"),
                dir.resolve("ask"),
                host,
                () -> {
                    stateSeen.add(PolicyState.read(dir.resolve("policy/" + PolicyState.mdName(UUID))));
                    return clock.addAndGet(1_000_000_000L);
                },
                new PrintStream(out, true));
        d.pollCapNanos = 20_000_000L; // the fake clock's seconds need no real ones
        d.settleMillis = 0;
        return d;
    }

    private final List<PolicyState> stateSeen = new ArrayList<>();
    private final List<PolicyState> stateAtRun = new ArrayList<>();

    @Test
    void aMemberThatAppearsAfterTheTimeoutIsNewsForTheRootWait() throws Exception {
        // no array yet; vdc (a member, as its superblock says) appears after the timeout, and
        // udev's mdadm -I (here: the fake examine) makes md127 inactive with it
        for (String b : List.of("vdb", "vdc"))
            Files.createDirectories(dir.resolve("sys/class/block/" + b + "/holders"));
        assembleOnExamine = true;
        MdDegraded md = degraded("auto");
        md.announcing(new PolicyAnnouncer(
                dir.resolve("policy"),
                PolicyState.mdName(UUID),
                md.timeoutName(),
                5_000_000_000L,
                42,
                new PrintStream(out, true)));
        assertThat(md.run()).isZero();
        assertThat(stateAtRun)
                .containsExactly(new PolicyState(
                        "md/root's degraded timeout", false, 5_000_000_000L, 42, "/dev/vdc (a member of md/root)"));
        assertThat(out.toString())
                .contains("no member has appeared after")
                .contains("started it degraded (policy auto)");
    }

    private boolean assembleOnExamine;

    @Test
    void theRootWaitIsToldWhileTheTimeoutRunsAndWhenItIsOver() throws Exception {
        inactiveArrays();
        MdDegraded md = degraded("auto");
        md.announcing(new PolicyAnnouncer(
                dir.resolve("policy"),
                PolicyState.mdName(UUID),
                md.timeoutName(),
                5_000_000_000L,
                42,
                new PrintStream(out, true)));
        assertThat(md.run()).isZero();
        assertThat(stateSeen).contains(new PolicyState("md/root's degraded timeout", true, 5_000_000_000L, 42, ""));
        assertThat(stateAtRun)
                .containsExactly(new PolicyState("md/root's degraded timeout", false, 5_000_000_000L, 42, ""));
        assertThat(PolicyState.read(dir.resolve("policy/md-1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e"))
                        .waiting())
                .isFalse();
    }

    @Test
    void aCompleteArrayNeedsNothing() throws Exception {
        Files.createDirectories(dir.resolve("dev/disk/by-id"));
        Files.writeString(dir.resolve("dev/disk/by-id/md-uuid-" + UUID), "");
        assertThat(degraded("auto").run()).isZero();
        assertThat(mdadm).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void autoStartsTheInactiveArrayWithThisUuidAfterTheTimeout() throws Exception {
        inactiveArrays();
        assertThat(degraded("auto").run()).isZero();
        assertThat(mdadm)
                .containsExactly(
                        "--detail --export /dev/md126",
                        "--detail --export /dev/md127",
                        "--examine --export /dev/vdb",
                        "--run /dev/md127");
        assertThat(out.toString())
                .contains("stagehand: md/root is missing 1 of 2 members after ")
                .contains("started it degraded (policy auto)");
    }

    @Test
    void askStartsItOnlyOnYes() throws Exception {
        inactiveArrays();
        answer = "n";
        assertThat(degraded("ask").run()).isZero();
        assertThat(asked).containsExactly("md/root is missing 1 of 2 members; start degraded? [y/N]");
        assertThat(mdadm).doesNotContain("--run /dev/md127");
        assertThat(out.toString()).contains("not started degraded (answer \"no\")");
        answer = "y";
        mdadm.clear();
        assertThat(degraded("ask").run()).isZero();
        assertThat(mdadm).contains("--run /dev/md127");
    }

    @Test
    void aMemberThatComesBackIsReAddedOrElseAdded() throws Exception {
        inactiveArrays();
        for (String b : List.of("vda", "vdb", "vdc", "vdd", "md127", "sda"))
            Files.createDirectories(dir.resolve("sys/class/block/" + b + "/holders"));
        Files.writeString(dir.resolve("sys/class/block/sda/holders/dm-0"), ""); // in use: not looked at
        MdDegraded d = degraded("auto");
        d.addReturning("md127");
        // vdb is in the array already; vda and vdd belong to another array; md127 is the array itself
        assertThat(mdadm)
                .containsExactly(
                        "--examine --export /dev/vda",
                        "--examine --export /dev/vdc",
                        "--examine --export /dev/vdd",
                        "/dev/md127 --re-add /dev/vdc");
        assertThat(out.toString()).contains("stagehand: md/root: member /dev/vdc came back; re-added");
        mdadm.clear();
        d.addReturning("md127"); // each device is looked at once
        assertThat(mdadm).isEmpty();
        reAddStatus = 1;
        MdDegraded again = degraded("auto");
        again.addReturning("md127");
        assertThat(mdadm).contains("/dev/md127 --re-add /dev/vdc", "/dev/md127 --add /dev/vdc");
        assertThat(out.toString()).contains("member /dev/vdc came back; added (full recovery)");
    }

    /** md127 runs with raid_disks 2 and DEGRADED members missing; the by-id link points at it. */
    private void running(int degraded) throws Exception {
        Files.createDirectories(dir.resolve("sys/block/md127/md/dev-vdb"));
        Files.writeString(dir.resolve("sys/block/md127/md/array_state"), "clean\n");
        Files.writeString(dir.resolve("sys/block/md127/md/raid_disks"), "2\n");
        Files.writeString(dir.resolve("sys/block/md127/md/degraded"), degraded + "\n");
        Files.createDirectories(dir.resolve("dev/disk/by-id"));
        Files.writeString(dir.resolve("dev/md127"), "");
        Files.createSymbolicLink(dir.resolve("dev/disk/by-id/md-uuid-" + UUID), Path.of("../../md127"));
        for (String b : List.of("vdb", "vdc", "md127"))
            Files.createDirectories(dir.resolve("sys/class/block/" + b + "/holders"));
    }

    /** run() with md127 running, DEGRADED members missing; one pass of adding members. */
    private int runWhileRunning(int degraded) throws Exception {
        running(degraded);
        MdDegraded d = degraded("auto");
        d.passes = 1;
        return d.run();
    }

    @Test
    void anArrayThatRunsCompleteNeedsNothing() throws Exception {
        assertThat(runWhileRunning(0)).isZero();
        assertThat(mdadm).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anArrayThatRunsDegradedByItselfGetsItsStaleMemberBack() throws Exception {
        // the boot after a degraded one: mdadm -I started md127 from vdb, vdc (older events) is left out
        assertThat(runWhileRunning(1)).isZero();
        assertThat(mdadm).containsExactly("--examine --export /dev/vdc", "/dev/md127 --re-add /dev/vdc");
        assertThat(out.toString())
                .contains("stagehand: md/root runs with 1 of 2 members (md127 is degraded)")
                .contains("member /dev/vdc came back; re-added");
    }

    @Test
    void aFailedAddIsTriedAgainOnTheNextPasssButNotForever() throws Exception {
        running(1);
        reAddStatus = 1;
        addStatus = 1; // e.g. busy: udev's mdadm -I has it open
        MdDegraded d = degraded("auto");
        d.passes = 0;
        d.run();
        for (int i = 0; i < MdDegraded.ADD_TRIES + 2; i++) d.addReturning("md127");
        assertThat(mdadm.stream().filter(c -> c.equals("/dev/md127 --add /dev/vdc")))
                .hasSize(MdDegraded.ADD_TRIES);
        assertThat(out.toString()).contains("adding it failed (exit status 1); trying again");
    }

    @Test
    void assemblingHandsEachMemberOfThisArrayToMdadmIncrementalOnce() throws Exception {
        // named only by mdadm.conf: dracut's udev rules assemble nothing, stagehand does
        for (String b : List.of("vda", "vdb", "vdc", "md127"))
            Files.createDirectories(dir.resolve("sys/class/block/" + b + "/holders"));
        Files.writeString(dir.resolve("sys/class/block/vdb/holders/md127"), ""); // attached already
        MdDegraded d = degraded("auto").assembling(true);
        d.assembleMembers();
        assertThat(mdadm)
                .containsExactly(
                        "--examine --export /dev/vda", "--examine --export /dev/vdc", "--incremental /dev/vdc");
        assertThat(out.toString()).contains("stagehand: md/root: member /dev/vdc handed to mdadm --incremental");
        mdadm.clear();
        d.assembleMembers();
        assertThat(mdadm).isEmpty();
    }

    @Test
    void policyNeverOnlyAssembles() throws Exception {
        inactiveArrays();
        MdDegraded d = degraded("never");
        assertThat(d.run()).isZero();
        assertThat(mdadm).doesNotContain("--run /dev/md127");
        assertThat(out.toString()).contains("not started degraded (policy never)");
    }

    @Test
    void anInactiveArrayWithAllItsMembersIsStartedWhateverThePolicy() throws Exception {
        // both members attached, not started (mdadm -I would have started it; a safeguard)
        inactiveArrays();
        Files.createDirectories(dir.resolve("sys/block/md127/md/dev-vdc"));
        MdDegraded d = degraded("never");
        assertThat(d.run()).isZero();
        assertThat(mdadm)
                .containsExactly(
                        "--detail --export /dev/md126",
                        "--detail --export /dev/md127",
                        "--examine --export /dev/vdb",
                        "--run /dev/md127");
        assertThat(out.toString())
                .contains("stagehand: md/root has all 2 members but was not running; started it")
                .doesNotContain("degraded");
    }

    @Test
    void theAssemblerStopsWhenTheArrayRuns() throws Exception {
        running(0);
        MdDegraded d = degraded("auto").assembling(true);
        d.passes = 1;
        assertThat(d.run()).isZero(); // returns: the assembler thread was stopped and joined
        assertThat(mdadm).isEmpty();
    }
}
