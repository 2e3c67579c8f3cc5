package dev.stagehand.wait;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The one inotify loop of the boot-time waits: folders to watch (/dev, a device link's folder,
 * the ask-password folder, the policies' folder) and a sleep that ends early when something is
 * created or removed there. Callers look at the state of things themselves after each wake-up
 * and sleep at most a few seconds, so a missed event costs a re-check, never a hang.
 */
public final class DirWatch implements AutoCloseable {
    /** What wakes the wait up in a folder. */
    public enum Events {
        CREATED,
        CREATED_OR_DELETED
    }

    private final WatchService ws;
    private final Set<Path> watched = new HashSet<>();

    /** A watch on the file system of {@code any} (a test's temporary folder, or /). */
    public DirWatch(Path any) throws IOException {
        this.ws = any.getFileSystem().newWatchService();
    }

    /** Watches dir for creations and removals, once, if it is a folder now. */
    public void watch(Path dir) {
        watch(dir, Events.CREATED_OR_DELETED);
    }

    public void watch(Path dir, Events events) {
        if (dir == null || watched.contains(dir) || !Files.isDirectory(dir)) return;
        try {
            WatchEvent.Kind<?>[] kinds = events == Events.CREATED
                    ? new WatchEvent.Kind<?>[] {StandardWatchEventKinds.ENTRY_CREATE}
                    : new WatchEvent.Kind<?>[] {
                        StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE
                    };
            dir.register(ws, kinds);
            watched.add(dir);
        } catch (IOException e) {
            // the caller's periodic re-check still sees it
        }
    }

    /** Watches the deepest existing folder at or above path (a device's folder may not exist yet). */
    public void watchNearest(Path path) {
        Path p = path;
        while (p != null && !Files.isDirectory(p)) p = p.getParent();
        watch(p);
    }

    /**
     * Sleeps until something changes in a watched folder, at most nanos; all pending events are
     * taken. After an event it sleeps settleMillis more (udev finishing with a new device: blkid,
     * its symlinks) before the caller looks. True when an event came.
     */
    public boolean await(long nanos, long settleMillis) throws IOException, InterruptedException {
        try {
            boolean any = false;
            WatchKey key = ws.poll(Math.max(1, nanos), TimeUnit.NANOSECONDS);
            while (key != null) {
                key.pollEvents();
                if (!key.reset()) watched.remove((Path) key.watchable()); // the folder went away
                any = true;
                key = ws.poll();
            }
            if (any && settleMillis > 0) Thread.sleep(settleMillis);
            return any;
        } catch (ClosedWatchServiceException e) {
            throw new IOException("the file watch closed", e);
        }
    }

    @Override
    public void close() throws IOException {
        ws.close();
    }
}
