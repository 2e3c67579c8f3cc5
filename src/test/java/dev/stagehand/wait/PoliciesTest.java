package dev.stagehand.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policies' state files as the root wait reads them, with a clock the test moves. */
class PoliciesTest {
    private static final long S = 1_000_000_000L;
    private static final String MD = "md/root's degraded timeout";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Policies policies;

    @BeforeEach
    void live() throws Exception {
        Files.createDirectories(dir.resolve("proc/412")); // the policy's process
        policies = new Policies(dir.resolve("policy"), List.of("md-1b1b", "lvm-vg0"), dir.resolve("proc"));
    }

    private PolicyAnnouncer md(long pid) {
        return new PolicyAnnouncer(dir.resolve("policy"), "md-1b1b", MD, 5 * S, pid, new PrintStream(out, true));
    }

    @Test
    void aWaitingPolicyHoldsTheBudgetUntilItDecides() {
        Budget b = new Budget(15 * S, 0);
        assertThat(policies.holding(b, 0)).isNull(); // no file yet
        md(412).waiting();
        assertThat(policies.holding(b, 1 * S)).isEqualTo(MD);
        b.hold(MD, 1 * S);
        assertThat(policies.leftFor(MD, b, 3 * S)).isEqualTo(3 * S);
        md(412).decided();
        assertThat(policies.holding(b, 4 * S)).isNull();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPolicyWhoseProcessIsGoneHoldsNothing() {
        md(999).waiting(); // crashed: no /proc/999
        assertThat(policies.holding(new Budget(15 * S, 0), 1 * S)).isNull();
    }

    @Test
    void aWaitingFileHoldsNoLongerThanTheTimeoutItAnnounced() {
        md(412).waiting(); // the policy hangs and never says decided
        Budget b = new Budget(15 * S, 0);
        b.hold(policies.holding(b, 0), 0);
        assertThat(policies.holding(b, 4 * S)).isEqualTo(MD);
        assertThat(policies.holding(b, 5 * S)).isNull(); // held 5 s: its timeout
        b.hold(null, 5 * S);
        assertThat(b.exhausted(20 * S)).isTrue();
        assertThat(b.heldBy(MD, 20 * S)).isEqualTo(5 * S);
    }

    @Test
    void onlyThePoliciesOfTheChainCount() {
        new PolicyAnnouncer(dir.resolve("policy"), "md-other", "md/data's degraded timeout", 5 * S, 412, null)
                .waiting();
        assertThat(policies.holding(new Budget(15 * S, 0), 1 * S)).isNull();
    }

    @Test
    void newsCountsOncePerTextAndWhatWasThereBeforeIsNoNews() {
        PolicyAnnouncer md = md(412);
        md.waiting();
        md.progress("/dev/vda (a member of md/root)");
        assertThat(policies.news()).containsExactly("/dev/vda (a member of md/root)"); // the root wait's baseline
        assertThat(policies.news()).isEmpty();
        md.progress("/dev/vdb (a member of md/root)");
        assertThat(policies.news()).containsExactly("/dev/vdb (a member of md/root)");
        md.progress("/dev/vda (a member of md/root)"); // said again: no new progress
        assertThat(policies.news()).isEmpty();
    }

    @Test
    void garbageIsNoState() throws Exception {
        Files.createDirectories(dir.resolve("policy"));
        for (String text : List.of(
                "",
                "state=waiting\n",
                "what=x\nstate=maybe\ntimeout-ns=1\npid=412\n",
                "what=x\nstate=waiting\ntimeout-ns=-5\npid=412\n",
                "what=x\nstate=waiting\ntimeout-ns=5\npid=0\n")) {
            Files.writeString(dir.resolve("policy/md-1b1b"), text);
            assertThat(PolicyState.read(dir.resolve("policy/md-1b1b"))).as(text).isNull();
        }
        assertThat(PolicyState.read(dir.resolve("policy/none"))).isNull();
    }

    @Test
    void aFileThatCannotBeWrittenIsSaidOnceAndTheWorkGoesOn() throws Exception {
        Files.writeString(dir.resolve("policy"), "a file where the folder should be");
        PolicyAnnouncer a = md(412);
        a.waiting();
        a.decided();
        assertThat(out.toString())
                .containsOnlyOnce("cannot tell the root wait about md/root's degraded timeout")
                .contains("it counts this time against its budget");
    }

    @Test
    void namesAreFileNames() {
        assertThat(PolicyState.mdName("1B1B1B1B:2c2c2c2c:3d3d3d3d:4e4e4e4e"))
                .isEqualTo("md-1b1b1b1b2c2c2c2c3d3d3d3d4e4e4e4e");
        assertThat(PolicyState.lvmName("vg-root")).isEqualTo("lvm-vg-root");
    }
}
