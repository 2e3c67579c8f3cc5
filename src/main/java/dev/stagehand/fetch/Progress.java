package dev.stagehand.fetch;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress line of the running transfer, every few seconds on the console and in the
 * journal (standard output of the service): layer, bytes so far (of how many, when the
 * server said), rate since the last line. A thread of its own, as a stalled read would
 * silence it otherwise, which is when the line matters most.
 */
final class Progress implements AutoCloseable {
    private final Thread thread;
    private volatile boolean done;

    Progress(PrintStream out, String layer, String url, long total, AtomicLong bytes, long everyNanos, Runnable tick) {
        thread = Thread.ofPlatform().daemon().name("fetch-progress").start(() -> {
            long last = 0, at = System.nanoTime();
            while (!done) {
                try {
                    // look at the prompts every second, print every everyNanos
                    long until = System.nanoTime() + everyNanos;
                    while (!done && System.nanoTime() < until) {
                        tick.run();
                        TimeUnit.NANOSECONDS.sleep(Math.min(until - System.nanoTime(), 1_000_000_000L) + 1);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (done) return;
                long now = System.nanoTime(), b = bytes.get();
                out.println("stagehand: " + layer + ": " + size(b)
                        + (total > 0 ? " of " + size(total) + " (" + (b * 100 / total) + "%)" : "") + ", "
                        + size((b - last) * 1_000_000_000L / Math.max(1, now - at)) + "/s from " + url);
                out.flush();
                last = b;
                at = now;
            }
        });
    }

    /** "812 bytes", "12.3 KiB", "40.0 MiB", "1.2 GiB". */
    static String size(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        long unit = 1024;
        while (u < units.length - 1 && bytes >= unit * 1024) {
            unit *= 1024;
            u++;
        }
        long tenths = bytes * 10 / unit;
        return (tenths / 10) + "." + (tenths % 10) + " " + units[u];
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
    }
}
