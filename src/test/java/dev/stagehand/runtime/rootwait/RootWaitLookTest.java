package dev.stagehand.runtime.rootwait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.wait.Budget;
import dev.stagehand.wait.Policies;
import dev.stagehand.wait.PolicyAnnouncer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root wait's budget logic, one look at a time, with a clock the test moves (no sleeping,
 * no timed assertion): RAID1 -> LUKS -> LVM, rd.stagehand.md.timeout=5, rd.stagehand.rootwait=15.
 */
class RootWaitLookTest {
    private static final long S = 1_000_000_000L;
    private static final String MD = "md/root's degraded timeout";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private RootWait wait;
    private Path mdLink, source, mapper, root;

    @BeforeEach
    void chain() throws Exception {
        Files.createDirectories(dir.resolve("ask"));
        Files.createDirectories(dir.resolve("proc/412"));
        mdLink = dir.resolve("dev/disk/by-id/md-uuid-1b1b");
        source = dir.resolve("dev/disk/by-uuid/luks");
        mapper = dir.resolve("dev/mapper/luks-x");
        root = dir.resolve("dev/mapper/vg-root");
        wait = new RootWait(
                root,
                List.of(
                        new RootWait.Link(mdLink, "md/root running"),
                        new RootWait.Link(source, "encrypted source of luks-x"),
                        new RootWait.Link(mapper, "luks-x unlocked")),
                dir.resolve("ask"),
                new Policies(dir.resolve("policy"), List.of("md-1b1b"), dir.resolve("proc")),
                15 * S,
                () -> 0,
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private PolicyAnnouncer md() {
        return new PolicyAnnouncer(dir.resolve("policy"), "md-1b1b", MD, 5 * S, 412, null);
    }

    private static void appear(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
    }

    @Test
    void theIssuesStoryBoots() throws Exception {
        RootWait.Look look = wait.new Look(0);
        md().waiting(); // the md policy starts its 5 s at 1 s
        assertThat(look.at(1 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        assertThat(look.budget.holding()).isEqualTo(MD);
        md().decided(); // no member yet; md waits for one
        assertThat(look.at(6 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        assertThat(look.at(15 * S)).isEqualTo(RootWait.Look.Outcome.WAITING); // the old root wait gave up here
        appear(mdLink); // the late member came; started degraded at 19 s
        assertThat(look.at(19 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        appear(source);
        assertThat(look.at(21 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        Files.writeString(dir.resolve("ask/ask.1"), ""); // a passphrase, typed for 30 s
        assertThat(look.at(22 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        Files.delete(dir.resolve("ask/ask.1"));
        appear(mapper);
        assertThat(look.at(52 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        appear(root);
        assertThat(look.at(60 * S)).isEqualTo(RootWait.Look.Outcome.FOUND);
        assertThat(wait.success(look.budget, 60 * S))
                .isEqualTo("stagehand: root device " + root
                        + " is there after 25.0 s (and 5.0 s of md/root's degraded timeout, 30.0 s of passphrase prompts);"
                        + " the longest stretch without progress: 14.0 s");
    }

    @Test
    void theBudgetIsTheLongestStretchWithoutProgress() throws Exception {
        RootWait.Look look = wait.new Look(0);
        md().waiting();
        look.at(0);
        md().decided();
        look.at(5 * S);
        appear(mdLink);
        assertThat(look.at(19 * S)).isEqualTo(RootWait.Look.Outcome.WAITING); // 14 s counted, then progress
        assertThat(look.at(33 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        assertThat(look.at(34 * S)).isEqualTo(RootWait.Look.Outcome.EXHAUSTED);
        assertThat(wait.failure(look.budget, 34 * S, look.progress))
                .startsWith("stagehand: the root device " + root
                        + " did not appear within 15.0 s after " + mdLink
                        + " appeared (29.0 s in all; not counting 5.0 s of"
                        + " md/root's degraded timeout).\nstagehand:   present  " + mdLink
                        + " (md/root running)\nstagehand:   MISSING  "
                        + source + " (encrypted source of luks-x)  <- the first missing link");
    }

    @Test
    void aMemberThePolicySeesIsProgressToo() throws Exception {
        RootWait.Look look = wait.new Look(0);
        md().waiting();
        look.at(0);
        md().decided();
        look.at(5 * S);
        PolicyAnnouncer md = md();
        md.progress("/dev/vda (a member of md/root)"); // the late member; mdadm -I and the start take a while
        assertThat(look.at(19 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        assertThat(look.at(33 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        assertThat(look.at(34 * S)).isEqualTo(RootWait.Look.Outcome.EXHAUSTED);
        assertThat(wait.failure(look.budget, 34 * S, look.progress))
                .startsWith(
                        "stagehand: the root device " + root
                                + " did not appear within 15.0 s after /dev/vda (a member of md/root) appeared (29.0 s in all; not counting");
    }

    @Test
    void aLinkThereFromTheStartIsNoProgress() throws Exception {
        appear(mdLink);
        RootWait.Look look = wait.new Look(0);
        assertThat(look.at(14 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        assertThat(look.at(15 * S)).isEqualTo(RootWait.Look.Outcome.EXHAUSTED);
        assertThat(look.progress).isNull();
        assertThat(wait.failure(look.budget, 15 * S, null))
                .startsWith("stagehand: the root device " + root + " did not appear within 15.0 s.\n");
    }

    @Test
    void aPromptTakesTheTimeFromAPolicyWithinItsTimeout() throws Exception {
        RootWait.Look look = wait.new Look(0);
        md().waiting();
        Files.writeString(dir.resolve("ask/ask.1"), "");
        look.at(0);
        assertThat(look.budget.holding()).isEqualTo(Budget.PROMPTS);
        Files.delete(dir.resolve("ask/ask.1"));
        look.at(40 * S); // the md policy's clock stopped for the prompt too
        assertThat(look.budget.holding()).isEqualTo(MD);
        assertThat(look.nextLookIn(42 * S)).isEqualTo(3 * S); // the re-check, not the 3 s it has left
        look.at(44 * S);
        assertThat(look.nextLookIn(44 * S)).isEqualTo(1 * S); // its announced 5 s end at 45 s
        assertThat(look.at(45 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        assertThat(look.budget.holding()).isNull(); // it hangs: 5 s held, no more
        assertThat(look.at(59 * S)).isEqualTo(RootWait.Look.Outcome.WAITING);
        assertThat(look.at(60 * S)).isEqualTo(RootWait.Look.Outcome.EXHAUSTED);
        assertThat(wait.failure(look.budget, 60 * S, null))
                .contains(" did not appear within 15.0 s (not counting 40.0 s of"
                        + " passphrase prompts, 5.0 s of md/root's degraded timeout).\n");
    }

    @Test
    void aPolicyThatCrashedHoldsNothing() throws Exception {
        new PolicyAnnouncer(dir.resolve("policy"), "md-1b1b", MD, 5 * S, 999, null).waiting(); // no /proc/999
        RootWait.Look look = wait.new Look(0);
        look.at(0);
        assertThat(look.budget.holding()).isNull();
        assertThat(look.at(15 * S)).isEqualTo(RootWait.Look.Outcome.EXHAUSTED);
    }
}
