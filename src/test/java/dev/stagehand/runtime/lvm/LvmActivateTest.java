package dev.stagehand.runtime.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.wait.PolicyAnnouncer;
import dev.stagehand.wait.PolicyState;
import dev.stagehand.wait.ToolOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LvmActivateTest {
    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** What `vgs` answers, in turn; the last one repeats. */
    private final Deque<ToolOutput> vgs = new ArrayDeque<>();
    /** What `vgs` answers once an activation ran (after a degraded one it is asked until every PV is back). */
    private final Deque<ToolOutput> vgsAfter = new ArrayDeque<>();

    private boolean activated;
    private int activateStatus = 0;
    private int refreshStatus = 0;
    /** The status of a degraded activation (lvm fails it for LVs it cannot activate degraded). */
    private int degradedStatus = 0;

    private final AtomicLong clock = new AtomicLong();
    private final List<PolicyState> states = new ArrayList<>();

    @Test
    void eachPvLvmFindsIsNewsForTheRootWait() throws Exception {
        vgs.add(counts(3, 2));
        vgs.add(counts(3, 2));
        vgs.add(counts(3, 1));
        vgs.add(counts(3, 0));
        LvmActivate a = activate(List.of("root"), "auto");
        a.announcing(new PolicyAnnouncer(
                dir.resolve("policy"),
                PolicyState.lvmName("vgraid"),
                a.timeoutName(),
                5_000_000_000L,
                7,
                new PrintStream(out, true)));
        assertThat(a.run()).isZero();
        assertThat(states.stream()
                        .filter(java.util.Objects::nonNull)
                        .map(PolicyState::news)
                        .distinct())
                .containsExactly("a PV of VG vgraid (1 of 3)", "a PV of VG vgraid (2 of 3)");
        assertThat(PolicyState.read(dir.resolve("policy/lvm-vgraid")))
                .isEqualTo(new PolicyState(
                        "VG vgraid's degraded timeout", false, 5_000_000_000L, 7, "a PV of VG vgraid (2 of 3)"));
    }

    @Test
    void theRootWaitIsToldFromTheFirstPvUntilTheDegradedActivation() throws Exception {
        vgs.add(NOT_FOUND);
        vgs.add(NOT_FOUND);
        vgs.add(counts(2, 1));
        vgsAfter.add(counts(2, 0));
        LvmActivate a = activate(List.of("root"), "auto");
        a.announcing(new PolicyAnnouncer(
                dir.resolve("policy"),
                PolicyState.lvmName("vgraid"),
                a.timeoutName(),
                5_000_000_000L,
                7,
                new PrintStream(out, true)));
        assertThat(a.run()).isZero();
        PolicyState waiting =
                new PolicyState("VG vgraid's degraded timeout", true, 5_000_000_000L, 7, "a PV of VG vgraid (1 of 2)");
        int degraded = calls.indexOf(activations().get(0));
        assertThat(states.subList(0, 3)).containsOnlyNulls(); // before the first PV the layers below time themselves
        assertThat(states.subList(3, degraded)).containsOnly(waiting);
        assertThat(states.get(degraded).waiting()).isFalse();
        assertThat(PolicyState.read(dir.resolve("policy/lvm-vgraid")).waiting()).isFalse();
    }

    private LvmActivate activate(List<String> lvs, String policy) throws Exception {
        Files.createDirectories(dir.resolve("dev"));
        LvmActivate.Host host = args -> {
            calls.add(String.join(" ", args));
            states.add(PolicyState.read(dir.resolve("policy/lvm-vgraid"))); // what the root wait sees at each lvm call
            Deque<ToolOutput> answers = activated ? vgsAfter : vgs;
            if (args.get(0).equals("vgs")) return answers.size() > 1 ? answers.poll() : answers.peek();
            if (args.get(1).equals("--refresh")) return new ToolOutput(refreshStatus, "");
            activated = true;
            return new ToolOutput(args.contains("degraded") ? degradedStatus : activateStatus, "");
        };
        // every look at the clock moves it 1 s on: the 5 s timeout runs out without sleeping
        LvmActivate a = new LvmActivate(
                "vgraid",
                lvs,
                policy,
                5_000_000_000L,
                dir.resolve("dev"),
                dir.resolve("ask"),
                host,
                () -> clock.addAndGet(1_000_000_000L),
                new PrintStream(out, true));
        a.recheckNanos = 1_000_000L;
        return a;
    }

    private static ToolOutput counts(int pvs, int missing) {
        return new ToolOutput(0, "    " + pvs + "     " + missing + "\n");
    }

    private static final ToolOutput NOT_FOUND = new ToolOutput(5, "");

    private List<String> activations() {
        return calls.stream().filter(c -> !c.startsWith("vgs ")).toList();
    }

    @Test
    void completeAsSoonAsLvmSeesEveryPv() throws Exception {
        vgs.add(NOT_FOUND);
        vgs.add(counts(2, 1));
        vgs.add(counts(2, 0));
        assertThat(activate(List.of("root"), "auto").run()).isZero();
        assertThat(calls.get(0))
                .isEqualTo(
                        "vgs --noheadings --nosuffix --nolocking -o pv_count,vg_missing_pv_count --config devices { hints = \"none\" } vgraid");
        assertThat(activations())
                .containsExactly(
                        "lvchange -ay --sysinit --yes -K --activationmode complete --config devices { hints = \"none\" } vgraid/root");
        assertThat(out.toString())
                .contains("stagehand: VG vgraid: all 2 PVs present, ")
                .contains("after the first; activated vgraid/root");
    }

    @Test
    void autoActivatesDegradedWhenTheTimeoutRunsOutAfterTheFirstPv() throws Exception {
        vgs.add(NOT_FOUND);
        vgs.add(NOT_FOUND);
        vgs.add(NOT_FOUND); // time before the first PV does not count
        vgs.add(counts(2, 1));
        vgsAfter.add(counts(2, 0));
        assertThat(activate(List.of(), "auto").run()).isZero();
        assertThat(activations())
                .startsWith(
                        "vgchange -ay --sysinit --activationmode degraded --config devices { hints = \"none\" } vgraid");
        assertThat(out.toString())
                .contains(
                        "stagehand: VG vgraid is missing 1 of 2 PVs after 5.0 s; activated its LVs degraded (policy auto)");
    }

    @Test
    void afterADegradedActivationThePvThatComesBackIsTakenBackIn() throws Exception {
        vgs.add(counts(2, 1));
        for (int i = 0; i < 3; i++) vgsAfter.add(counts(2, 1)); // a while degraded
        vgsAfter.add(NOT_FOUND); // an lvm query that failed (not seen) is no PV coming back
        vgsAfter.add(counts(2, 0));
        assertThat(activate(List.of("root"), "auto").run()).isZero();
        assertThat(activations())
                .containsExactly(
                        "lvchange -ay --sysinit --yes -K --activationmode degraded --config devices { hints = \"none\" } vgraid/root",
                        "lvchange -ay --sysinit --yes -K --activationmode complete --config devices { hints = \"none\" } vgraid/root",
                        "lvchange --refresh --poll n --config devices { hints = \"none\" } activation { monitoring = 0 } vgraid/root");
        assertThat(out.toString())
                .contains("activated vgraid/root degraded (policy auto). A PV that comes back is taken back in.")
                .containsPattern(
                        "stagehand: VG vgraid: all 2 PVs are back [0-9.]+ s after the degraded activation; refreshed vgraid/root "
                                + "\\(the returning RAID legs resync\\), after a complete activation for what degraded mode left inactive");
    }

    @Test
    void whatDegradedModeLeftInactiveIsActivatedWhenThePvsAreBack() throws Exception {
        // a group with a RAID LV and a linear LV on the missing PV: lvm activates the RAID LV
        // degraded and fails the command for the linear one
        vgs.add(counts(2, 1));
        vgsAfter.add(counts(2, 1));
        vgsAfter.add(counts(2, 0));
        degradedStatus = 5;
        assertThat(activate(List.of(), "auto").run()).isZero();
        assertThat(activations())
                .containsExactly(
                        "vgchange -ay --sysinit --activationmode degraded --config devices { hints = \"none\" } vgraid",
                        "vgchange -ay --sysinit --activationmode complete --config devices { hints = \"none\" } vgraid",
                        "lvchange --refresh --poll n --config devices { hints = \"none\" } activation { monitoring = 0 } vgraid");
        assertThat(out.toString())
                .contains("lvm vgchange -ay --sysinit --activationmode degraded")
                .contains("failed (exit status 5)")
                .contains("the LVs lvm could not activate degraded stay inactive until every PV is back")
                .contains("all 2 PVs are back")
                .contains("refreshed its LVs");
    }

    @Test
    void aFailedCompleteActivationAfterThePvsAreBackFailsTheUnit() throws Exception {
        vgs.add(counts(2, 1));
        vgsAfter.add(counts(2, 0));
        LvmActivate a = activate(List.of("root"), "auto");
        activateStatus = 5;
        assertThat(a.run()).isEqualTo(1);
        assertThat(activations()).hasSize(2); // degraded, complete: no refresh after the failure
        assertThat(out.toString())
                .contains("all 2 PVs are back")
                .contains("--activationmode complete")
                .contains("failed (exit status 5)");
    }

    @Test
    void nothingIsRefreshedWhileAPvIsStillMissing() throws Exception {
        vgs.add(counts(3, 2));
        vgsAfter.add(counts(3, 2));
        vgsAfter.add(counts(3, 1)); // lvm refuses to refresh an LV that still misses a PV: wait for the last one
        vgsAfter.add(counts(3, 1));
        vgsAfter.add(counts(3, 0));
        assertThat(activate(List.of(), "auto").run()).isZero();
        assertThat(activations())
                .containsExactly(
                        "vgchange -ay --sysinit --activationmode degraded --config devices { hints = \"none\" } vgraid",
                        "vgchange -ay --sysinit --activationmode complete --config devices { hints = \"none\" } vgraid",
                        "lvchange --refresh --poll n --config devices { hints = \"none\" } activation { monitoring = 0 } vgraid");
        assertThat(vgsAfter).hasSize(1); // every answer was used: the refresh came after the last
        assertThat(out.toString()).contains("all 3 PVs are back").contains("refreshed its LVs");
    }

    @Test
    void aFailedRefreshFailsTheUnit() throws Exception {
        vgs.add(counts(2, 1));
        vgsAfter.add(counts(2, 0));
        LvmActivate a = activate(List.of("root"), "auto");
        refreshStatus = 5;
        assertThat(a.run()).isEqualTo(1);
        assertThat(out.toString())
                .contains("activated vgraid/root degraded")
                .contains("all 2 PVs are back")
                .contains("lvm lvchange --refresh")
                .contains("failed (exit status 5)");
    }

    @Test
    void aCompleteActivationDoesNotStay() throws Exception {
        vgs.add(counts(2, 0));
        assertThat(activate(List.of("root"), "auto").run()).isZero();
        assertThat(activations()).hasSize(1);
    }

    @Test
    void neverWaitsOnAndActivatesCompleteWhenThePvComes() throws Exception {
        vgs.add(counts(2, 1));
        for (int i = 0; i < 10; i++) vgs.add(counts(2, 1));
        vgs.add(counts(2, 0));
        assertThat(activate(List.of("root", "swap"), "never").run()).isZero();
        assertThat(activations())
                .containsExactly(
                        "lvchange -ay --sysinit --yes -K --activationmode complete --config devices { hints = \"none\" } vgraid/root vgraid/swap");
        assertThat(out.toString())
                .containsOnlyOnce("is missing 1 of 2 PVs after 5.0 s; not activated degraded (policy never)");
    }

    @Test
    void aPromptStopsTheClock() throws Exception {
        vgs.add(counts(2, 1));
        vgsAfter.add(counts(2, 0));
        Files.createDirectories(dir.resolve("ask"));
        Path ask = Files.writeString(dir.resolve("ask/ask.1"), "");
        LvmActivate a = activate(List.of("root"), "auto");
        // the prompt closes after 20 s of fake time: the 5 s timeout counts only after that
        Thread t = new Thread(() -> {
            while (clock.get() < 20_000_000_000L) Thread.onSpinWait();
            try {
                Files.delete(ask);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        assertThat(a.run()).isZero();
        t.join();
        assertThat(out.toString())
                .contains("activated vgraid/root degraded (policy auto)")
                .contains("of passphrase prompts");
    }

    @Test
    void aFailedActivationFailsTheUnit() throws Exception {
        vgs.add(counts(1, 0));
        activateStatus = 5;
        assertThat(activate(List.of("root"), "auto").run()).isEqualTo(1);
        assertThat(out.toString()).contains("failed (exit status 5)");
    }

    @Test
    void nonsenseFromVgsCountsAsNotSeen() throws Exception {
        LvmActivate a = activate(List.of("root"), "auto");
        vgs.add(new ToolOutput(0, "garbage\n"));
        assertThat(a.state().seen()).isFalse();
        vgs.clear();
        vgs.add(new ToolOutput(0, "2 3\n"));
        assertThat(a.state().seen()).isFalse();
    }
}
