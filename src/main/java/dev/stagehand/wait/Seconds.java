package dev.stagehand.wait;

/** Nanoseconds as seconds with one decimal, as the console messages of every wait say them. */
public final class Seconds {
    private Seconds() {}

    public static String of(long nanos) {
        long tenths = nanos / 100_000_000L;
        return (tenths / 10) + "." + (tenths % 10);
    }
}
