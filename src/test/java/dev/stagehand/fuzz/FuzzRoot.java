package dev.stagehand.fuzz;

import dev.stagehand.Generator;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.plan.Plan;
import dev.stagehand.systemd.Latin1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
            String[][] links = {
                {"up", "../../../../.."},
                {"abs", "/etc"},
                {"loop1", "loop2"},
                {"loop2", "loop1"},
                {"deep", "up/up/up/etc"},
                {"data", "srv/data"},
                {"self", "."}
            };
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

    /** One hook script of a bundle: where it goes below the root, its bytes, whether it is executable. */
    public record HookFile(String logical, byte[] content, boolean executable) {}

    /** The stages of initramfs-tools, each a folder of scripts. */
    static final List<String> STAGES = List.of(
            "init-top", "init-premount", "local-top", "local-block", "local-premount", "local-bottom", "init-bottom");

    /** The folders a bundle's files may go to (below the root; cleared by {@link #putHooks}). */
    static final List<String> HOOK_FOLDERS =
            List.of("/etc/initramfs-tools", "/usr/share/initramfs-tools", "/scripts", "/etc/stagehand/hooks");

    /**
     * Hook scripts from one input (a "bundle"): a line "##> WHERE" starts an executable file,
     * "##- WHERE" one without an x bit, and the lines up to the next such line are its content
     * (text before the first is ignored). WHERE is "etc/STAGE/NAME" (/etc/initramfs-tools/scripts),
     * "usr/STAGE/NAME" (/usr/share/initramfs-tools/scripts), "initrd/STAGE/NAME" (/scripts, ORDER
     * files included) or "nixos/NAME" (/etc/stagehand/hooks/nixos); with {@code where} given,
     * WHERE is just NAME and the file goes to that folder. STAGE must be one of initramfs-tools'
     * stages, NAME printable ASCII without "/", not "." or "..", at most 255 bytes; files
     * that do not fit are left out. A later file of the same path replaces an earlier one.
     */
    public static List<HookFile> hookFiles(byte[] bundle, String where) {
        Map<String, HookFile> out = new java.util.LinkedHashMap<>();
        String text = Latin1.string(bundle);
        int at = header(text, 0);
        while (at >= 0) {
            int eol = text.indexOf('\n', at);
            int start = eol < 0 ? text.length() : eol + 1;
            int next = header(text, start);
            String path = hookPath(text.substring(at + 4, eol < 0 ? text.length() : eol), where);
            if (path != null) {
                out.remove(path);
                String content = text.substring(start, next < 0 ? text.length() : next);
                out.put(path, new HookFile(path, Latin1.bytes(content), text.startsWith("##>", at)));
            }
            at = next;
        }
        return List.copyOf(out.values());
    }

    /** Where the next header line ("##> " or "##- " at a line's start) begins, from {@code from}; -1 if none. */
    private static int header(String text, int from) {
        for (int i = from;
                i < text.length();
                i = text.indexOf('\n', i) < 0 ? text.length() : text.indexOf('\n', i) + 1) {
            if (text.startsWith("##> ", i) || text.startsWith("##- ", i)) return i;
        }
        return -1;
    }

    private static String hookPath(String where, String folder) {
        if (folder != null) return validName(where) ? folder + "/" + where : null;
        String[] p = where.split("/", -1);
        if (p.length == 2 && p[0].equals("nixos") && validName(p[1])) return "/etc/stagehand/hooks/nixos/" + p[1];
        if (p.length != 3 || !STAGES.contains(p[1]) || !validName(p[2])) return null;
        return switch (p[0]) {
            case "etc" -> "/etc/initramfs-tools/scripts/" + p[1] + "/" + p[2];
            case "usr" -> "/usr/share/initramfs-tools/scripts/" + p[1] + "/" + p[2];
            case "initrd" -> "/scripts/" + p[1] + "/" + p[2];
            default -> null;
        };
    }

    static boolean validName(String n) {
        if (n.isEmpty() || n.length() > 255 || n.equals(".") || n.equals("..")) return false;
        for (int i = 0; i < n.length(); i++)
            if (n.charAt(i) < ' ' || n.charAt(i) > '~' || n.charAt(i) == '/') return false;
        return true;
    }

    /** Removes every hook folder, then writes the bundle's files. */
    public void putHooks(List<HookFile> files) {
        for (String f : HOOK_FOLDERS) deleteQuietly(host(f));
        try {
            for (HookFile f : files) {
                Path p = host(f.logical());
                Files.createDirectories(p.getParent());
                Files.write(p, f.content());
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(f.executable() ? "rwxr-xr-x" : "rw-r--r--"));
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
