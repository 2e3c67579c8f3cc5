package dev.stagehand.fuzz;

import dev.stagehand.Generator;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fake "/" for the fuzz tests (STAGEHAND_ROOT), on tmpfs when there is one: fsck programs in
 * /usr/sbin, hostile symlinks in /sysroot (up, abs, loop1/loop2, deep, data, self), and the input
 * files each execution puts there. Removed when the JVM exits.
 */
public final class FuzzRoot {
    private final Path base;

    private FuzzRoot(Path base) {
        this.base = base;
    }

    public static FuzzRoot create(String name) {
        try {
            Path shm = Path.of("/dev/shm");
            Path base = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "stagehand-fuzz-" + name + "-")
                    : Files.createTempDirectory("stagehand-fuzz-" + name + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(base)));
            FuzzRoot r = new FuzzRoot(base);
            // symlinks in /sysroot for the mount points of /sysroot/etc/fstab to be chased through:
            // out of the root (relative and absolute), in a loop, into a real folder
            Files.createDirectories(r.host("/sysroot/srv/data"));
            String[][] links = {{"up", "../../../../.."}, {"abs", "/etc"}, {"loop1", "loop2"}, {"loop2", "loop1"},
                {"deep", "up/up/up/etc"}, {"data", "srv/data"}, {"self", "."}};
            for (String[] l : links) Files.createSymbolicLink(r.host("/sysroot/" + l[0]), Path.of(l[1]));
            for (String f : new String[] {"fsck", "fsck.ext4", "fsck.xfs"}) {
                Path p = r.host("/usr/sbin/" + f);
                Files.createDirectories(p.getParent());
                Files.writeString(p, "#!/bin/sh\n");
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path base() {
        return base;
    }

    public Path host(String logical) {
        return base.resolve(logical.substring(1));
    }

    /** Puts a file below the root, or removes it when {@code content} is null. */
    public void put(String logical, byte[] content) {
        Path p = host(logical);
        try {
            if (content == null) {
                Files.deleteIfExists(p);
            } else {
                Files.createDirectories(p.getParent());
                Files.write(p, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment golden.py gives a case, plus {@code extra} (null values are left out). */
    public Environment environment(boolean inInitrd, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("STAGEHAND_ROOT", base.toString());
        env.put("SYSTEMD_IN_INITRD", inInitrd ? "1" : "0");
        env.put("PATH", "/usr/sbin:/usr/bin");
        env.put("container", "");
        extra.forEach((k, v) -> {
            if (v != null) env.put(k, v);
        });
        return new Environment(env);
    }

    /** Plans a run on this root in memory and checks the plan and the messages. */
    public Plan planAndCheck(Environment env) {
        Log log = Log.silent();
        Plan plan = new Generator(env, log).plan();
        UnitChecks.checkPlan(plan);
        UnitChecks.checkMessages(log.messages());
        return plan;
    }

    /** Empties a folder (or creates it). */
    public static void clear(Path dir) {
        deleteQuietly(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
