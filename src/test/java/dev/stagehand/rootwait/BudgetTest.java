package dev.stagehand.rootwait;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The budget with a fake clock: only time without an open prompt counts. */
class BudgetTest {
    private static final long S = 1_000_000_000L;

    @Test
    void promptsStopTheClock() {
        Budget b = new Budget(20 * S, 0);
        assertThat(b.remaining(5 * S)).isEqualTo(15 * S);
        b.prompting(true, 5 * S);               // a passphrase prompt opens after 5 s
        assertThat(b.exhausted(60 * S)).isFalse(); // 55 s of typing: nothing counted
        assertThat(b.remaining(60 * S)).isEqualTo(15 * S);
        b.prompting(true, 61 * S);              // still open: no double count
        b.prompting(false, 65 * S);             // answered after 60 s
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
}
