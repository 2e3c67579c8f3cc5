package dev.stagehand.fetch;

import java.util.random.RandomGenerator;

/**
 * The pause before trying a mirror again: doubling from {@code first} up to {@code cap}, each
 * drawn at random between half and one and a half times that (so that machines booted together
 * by one power cut do not all come back at the same second, as initramfs-tools' 10-40 s does).
 */
final class Backoff {
    private final long first, cap;
    private final RandomGenerator random;

    Backoff(long firstNanos, long capNanos, RandomGenerator random) {
        this.first = firstNanos;
        this.cap = capNanos;
        this.random = random;
    }

    /** The pause after the {@code failures}-th failure in a row (1 for the first). */
    long pause(int failures) {
        long base = first;
        for (int i = 1; i < failures && base < cap; i++) base *= 2;
        base = Math.min(base, cap);
        return base / 2 + (long) (random.nextDouble() * base);
    }
}
