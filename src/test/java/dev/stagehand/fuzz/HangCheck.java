package dev.stagehand.fuzz;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * "No hang over 1 s", measured as the CPU time of the fuzzing thread rather than wall time:
 * this machine's two cores are shared with QEMU boots and native-image builds (load averages
 * up to 45) and the fuzzing runs at nice 10, so a wall-clock limit of 1 s mostly caught the
 * machine's stalls, each costing a regression run of the target and a reload of its corpus.
 * An execution that computes for more than 1 s is a finding here; one that blocks (a read
 * that never returns) is caught by libFuzzer's wall-clock -timeout, which run.sh sets to
 * FUZZ_WALL_TIMEOUT (20 s), and rechecked under JUnit's 1 s limit.
 */
public final class HangCheck {
    public static final long LIMIT_NANOS = 1_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HangCheck() {}

    /** The fuzzing thread's CPU time now, in nanoseconds. */
    public static long start() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Fails the execution if it used more than 1 s of CPU time since {@code start}. */
    public static void check(long start) {
        long used = THREADS.getCurrentThreadCpuTime() - start;
        if (used > LIMIT_NANOS) {
            throw new AssertionError("a hang: this execution took " + used / 1_000_000 + " ms of CPU time (limit 1 s)");
        }
    }
}
