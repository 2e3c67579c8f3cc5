package dev.stagehand.input;

import dev.stagehand.systemd.Booleans;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.Strings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything a run reads besides its arguments: the root it reads inputs from, environment
 * variables (systemd's test variables SYSTEMD_PROC_CMDLINE, SYSTEMD_IN_INITRD, SYSTEMD_FSTAB,
 * SYSTEMD_SYSROOT_FSTAB, SYSTEMD_CRYPTTAB, and our STAGEHAND_ROOT), and a few facts about the
 * system. Built once; tests build their own instead of touching the process environment.
 */
public final class Environment {
    private final Root root;
    private final Map<String, String> env;
    private final boolean inInitrd;

    public Environment(Map<String, String> env) {
        this.env = Map.copyOf(env);
        String r = env.get("STAGEHAND_ROOT");
        this.root = r == null || r.isEmpty() ? Root.system() : new Root(Path.of(r));
        this.inInitrd = detectInitrd();
    }

    public Root root() {
        return root;
    }

    public String get(String name) {
        return env.get(name);
    }

    public boolean inInitrd() {
        return inInitrd;
    }

    /** in_initrd(): SYSTEMD_IN_INITRD if it parses as a boolean, else /etc/initrd-release exists. */
    private boolean detectInitrd() {
        Boolean b = Booleans.parse(env.get("SYSTEMD_IN_INITRD"));
        if (b != null) return b;
        return root.exists("/etc/initrd-release");
    }

    /** An input named by a systemd test variable (a host path) or else found below the root. */
    public InputFile input(String variable, String defaultPath) {
        String v = variable == null ? null : env.get(variable);
        if (v != null) return new InputFile(Path.of(v), v);
        return new InputFile(root.host(defaultPath), defaultPath);
    }

    /** The kernel command line text: SYSTEMD_PROC_CMDLINE, else /proc/cmdline below the root. */
    public String kernelCommandLine() throws IOException {
        String v = env.get("SYSTEMD_PROC_CMDLINE");
        if (v != null) return v;
        String s = root.read("/proc/cmdline");
        return s == null ? "" : s;
    }

    /**
     * executable_is_good(): find_executable() on PATH (below the root). An executable that is a
     * symlink to /usr/bin/true or /dev/null does not count. Where systemd's lookup fails with
     * an error other than "not found" (e.g. a directory named like the program) it proceeds
     * as if the program existed, and so do we.
     */
    public boolean executableIsGood(String name) {
        return executables.computeIfAbsent(name, this::lookUpExecutable);
    }

    private final Map<String, Boolean> executables = new HashMap<>();

    private boolean lookUpExecutable(String name) {
        String path = env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin");
        boolean otherError = false;
        for (String dir : Strings.split(path, ':')) {
            if (!dir.startsWith("/")) continue;
            Path p = root.isSystem() ? Path.of(dir, name) : root.host(dir + "/" + name);
            if (p == null || !Files.exists(p)) continue;
            if (!Files.isRegularFile(p)) {
                otherError = true;
                continue;
            }
            if (!Files.isExecutable(p)) continue; // EACCES: ignored, as per tradition
            if (Files.isSymbolicLink(p)) {
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    // systemd's list really has "true" "/bin/true" as one string (adjacent literals)
                    return !(Paths.inSet(target, "true/bin/true", "/usr/bin/true", "/dev/null"));
                } catch (IOException e) {
                    return true;
                }
            }
            return true;
        }
        return otherError;
    }

    /**
     * detect_container(), as far as it applies to a generator: $container if set (as PID 1
     * reads it), the files container managers and systemd leave (below the root), and, on the
     * real system, a non-initial pid namespace.
     */
    public boolean inContainer() {
        // as systemd's PID 1 reads its own $container: set and empty means "no container"
        String declared = env.get("container");
        if (declared != null) return !declared.isEmpty();
        for (String f : new String[] {"/run/host/container-manager", "/run/systemd/container"}) {
            try {
                String s = root.read(f);
                if (s != null && !s.isBlank()) return true;
            } catch (IOException e) {
                // unreadable: not evidence either way
            }
        }
        if (root.exists("/run/.containerenv") || root.exists("/.dockerenv")) return true;
        if (!root.isSystem()) return false;
        try {
            // the initial pid namespace has the fixed inode 0xEFFFFFFC (PROC_PID_INIT_INO)
            Object ino = Files.getAttribute(Path.of("/proc/self/ns/pid"), "unix:ino");
            return ino instanceof Long l && l != 0xEFFFFFFCL;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return false;
        }
    }

    /** path_is_read_only_fs("/sys"): in containers /sys is often read-only. */
    public boolean sysIsReadOnly() {
        if (sysReadOnly == null) sysReadOnly = lookUpSysReadOnly();
        return sysReadOnly;
    }

    private Boolean sysReadOnly;

    private boolean lookUpSysReadOnly() {
        Path sys = root.host("/sys");
        if (sys == null || !Files.isDirectory(sys, LinkOption.NOFOLLOW_LINKS)) return false;
        try {
            return Files.getFileStore(sys).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    /** SYSTEMD_SYSFS_CHECK (default on). */
    public boolean sysfsCheck() {
        Boolean b = Booleans.parse(env.get("SYSTEMD_SYSFS_CHECK"));
        return b == null || b;
    }
}
