package dev.stagehand.wait;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The budget with a clock the test moves: only time nothing holds counts, and progress starts it again. */
class BudgetTest {
    private static final long S = 1_000_000_000L;
    private static final String MD = "md/root's degraded timeout";

    @Test
    void promptsStopTheClock() {
        Budget b = new Budget(20 * S, 0);
        assertThat(b.remaining(5 * S)).isEqualTo(15 * S);
        b.prompting(true, 5 * S); // a passphrase prompt opens after 5 s
        assertThat(b.exhausted(60 * S)).isFalse(); // 55 s of typing: nothing counted
        assertThat(b.remaining(60 * S)).isEqualTo(15 * S);
        b.prompting(true, 61 * S); // still open: no double count
        b.prompting(false, 65 * S); // answered after 60 s
        assertThat(b.pausedFor(65 * S)).isEqualTo(60 * S);
        assertThat(b.spent(70 * S)).isEqualTo(10 * S);
        assertThat(b.exhausted(79 * S)).isFalse();
        assertThat(b.exhausted(80 * S)).isTrue(); // 5 s before + 15 s after the prompt
        assertThat(b.remaining(99 * S)).isZero();
    }

    @Test
    void anOpenPromptNeverRunsOut() {
        Budget b = new Budget(1 * S, 0);
        b.prompting(true, 0);
        assertThat(b.exhausted(1000 * S)).isFalse();
        assertThat(b.isPaused()).isTrue();
    }

    @Test
    void unlimitedNeverRunsOut() {
        Budget b = new Budget(Budget.UNLIMITED, 0);
        assertThat(b.exhausted(Long.MAX_VALUE / 2)).isFalse();
        assertThat(b.remaining(5)).isEqualTo(Budget.UNLIMITED);
    }

    @Test
    void eachReasonGetsTheTimeItHeldTheClock() {
        Budget b = new Budget(15 * S, 0);
        b.hold(MD, 2 * S); // the md policy's 5 s start after 2 s
        b.hold(Budget.PROMPTS, 4 * S); // a prompt opens within them: the prompt takes the time
        b.hold(MD, 10 * S);
        b.hold(null, 13 * S);
        assertThat(b.heldBy(MD, 13 * S)).isEqualTo(5 * S);
        assertThat(b.heldBy(Budget.PROMPTS, 20 * S)).isEqualTo(6 * S);
        assertThat(b.spent(20 * S)).isEqualTo(9 * S); // 2 s before, 7 s after
        assertThat(b.describePauses(20 * S))
                .isEqualTo("5.0 s of md/root's degraded timeout, 6.0 s of passphrase prompts");
        assertThat(b.exhausted(25 * S)).isFalse();
        assertThat(b.exhausted(26 * S)).isTrue();
    }

    @Test
    void theCurrentHoldCountsWithoutALook() {
        Budget b = new Budget(15 * S, 0);
        b.hold(MD, 3 * S);
        assertThat(b.heldBy(MD, 7 * S)).isEqualTo(4 * S);
        assertThat(b.pauses(7 * S)).containsEntry(MD, 4 * S);
        assertThat(b.holding()).isEqualTo(MD);
        assertThat(b.spent(7 * S)).isEqualTo(3 * S);
    }

    @Test
    void progressStartsTheCountAgain() {
        Budget b = new Budget(15 * S, 0);
        b.restart(12 * S); // a link appears after 12 s: 15 s again from here
        assertThat(b.exhausted(26 * S)).isFalse();
        assertThat(b.spent(26 * S)).isEqualTo(14 * S);
        assertThat(b.spentInAll(26 * S)).isEqualTo(26 * S);
        b.restart(20 * S);
        assertThat(b.longestStretch(21 * S)).isEqualTo(12 * S);
        assertThat(b.longestStretch(40 * S)).isEqualTo(20 * S);
        assertThat(b.exhausted(34 * S)).isFalse();
        assertThat(b.exhausted(35 * S)).isTrue();
        assertThat(b.restarts()).isEqualTo(2);
    }

    @Test
    void timeNeverRunsBackwards() {
        Budget b = new Budget(15 * S, 10 * S);
        b.hold(null, 5 * S); // an earlier time (two clocks read out of order) counts nothing
        assertThat(b.spent(10 * S)).isZero();
        assertThat(b.spent(12 * S)).isEqualTo(2 * S);
    }
}
