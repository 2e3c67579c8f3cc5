package dev.stagehand.runtime.retry;

import dev.stagehand.input.Root;
import dev.stagehand.log.Log;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import dev.stagehand.retry.CommandLineOverrides;

/**
 * Continuing a failed initrd boot from the emergency shell. The order matters: the overrides
 * are on disk before daemon-reload re-runs the generators (which read them, and any fstab or
 * crypttab edited in the shell); failed units are reset so their start jobs are not refused
 * by start limits; only then is initrd.target isolated, which starts the root wait with a
 * fresh budget and stops the emergency shell.
 */
public final class Retry {
    /** Written just before the isolate, so emergency.service's ExecStopPost knows it is done. */
    public static final String MARKER = "/run/stagehand/retry-started";

    /** Runs `systemctl ARGS...` and returns its exit status. */
    public interface Systemctl {
        int run(List<String> args) throws IOException, InterruptedException;
    }

    private final Root root;
    private final Systemctl systemctl;
    private final PrintStream out;
    /** What the messages start with: "stagehand retry", or "stagehand hook" when a hook moved the root. */
    private final String who;

    public Retry(Root root, Systemctl systemctl, PrintStream out) {
        this(root, systemctl, out, "stagehand retry");
    }

    public Retry(Root root, Systemctl systemctl, PrintStream out, String who) {
        this.root = root;
        this.systemctl = systemctl;
        this.out = out;
        this.who = who;
    }

    public CommandLineOverrides overrides(Log log) throws IOException {
        String text = root.read(CommandLineOverrides.PATH);
        return text == null ? CommandLineOverrides.none() : CommandLineOverrides.parse(text, CommandLineOverrides.PATH, log);
    }

    /** Writes the overrides (temp file + rename: the generator never reads half a file). */
    public void save(CommandLineOverrides o) throws IOException {
        write(CommandLineOverrides.PATH, o.render());
    }

    private void write(String logical, String text) throws IOException {
        Path p = root.host(logical);
        Files.createDirectories(p.getParent());
        Path tmp = p.resolveSibling("." + p.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** dracut's "wait until this device exists" hooks; its initqueue loops until they all pass. */
    static final String DRACUT_FINISHED = "/lib/dracut/hooks/initqueue/finished";

    /** daemon-reload, reset-failed, isolate initrd.target; 0 when all of them worked. */
    public int resume() throws IOException, InterruptedException {
        return resume(false);
    }

    /**
     * @param rootMoved root= was overridden: dracut's wait for the old root device must go,
     *                  or its initqueue would wait for it until rd.retry= runs out
     */
    public int resume(boolean rootMoved) throws IOException, InterruptedException {
        if (step("re-running the generators", List.of("daemon-reload")) != 0) return 1;
        if (rootMoved) dropDracutWaits();
        if (step("forgetting failed units", List.of("reset-failed")) != 0) return 1;
        write(MARKER, "");
        if (step("starting initrd.target again", List.of("--no-block", "isolate", "initrd.target")) != 0) {
            Files.deleteIfExists(root.host(MARKER));
            return 1;
        }
        out.println(who + ": the boot goes on; this shell ends when initrd.target takes over the console.");
        return 0;
    }

    /**
     * dracut's rootfs generator (run again by daemon-reload) reads root= from /proc/cmdline and
     * writes initqueue/finished/devexists-DEVICE.sh for it; the hooks of devices that do not
     * exist are removed here, after the reload. stagehand's root wait waits for the new root.
     */
    void dropDracutWaits() throws IOException {
        Path dir = root.host(DRACUT_FINISHED);
        if (dir == null || !Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "devexists-*.sh")) {
            for (Path hook : ds) {
                String name = hook.getFileName().toString();
                String device = name.substring("devexists-".length(), name.length() - 3).replace("\\x2f", "/");
                if (!device.startsWith("/dev/") || root.exists(device)) continue;
                Files.deleteIfExists(hook);
                out.println(who + ": dropped dracut's wait for " + device + " (root= was changed)");
            }
        }
    }

    /**
     * While the boot goes on (a hook script set ROOT through /conf/param.conf): the overrides
     * are saved, daemon-reload makes the generator write sysroot.mount and the root wait for the
     * new root, dracut's wait for the old one goes, and a start of initrd.target queues the jobs
     * the new units need (the new root's device); jobs already queued stay, nothing is stopped.
     *
     * @return null when all of it worked, else what failed
     */
    public String followRoot(CommandLineOverrides o) throws IOException, InterruptedException {
        save(o);
        if (step("re-running the generators", List.of("daemon-reload")) != 0) return "systemctl daemon-reload failed";
        dropDracutWaits();
        if (step("queueing the new root's units", List.of("--no-block", "start", "initrd.target")) != 0) {
            return "systemctl start initrd.target failed";
        }
        return null;
    }

    /** Only daemon-reload (e.g. to look at the new units before starting anything). */
    public int resumeWithoutStart() throws IOException, InterruptedException {
        return step("re-running the generators", List.of("daemon-reload"));
    }

    /**
     * For emergency.service's ExecStopPost: when `stagehand retry` already resumed the boot
     * (its marker is there) do nothing but take the marker away; else resume as dracut's
     * "systemctl default" would, after a daemon-reload.
     */
    public int afterEmergency() throws IOException, InterruptedException {
        Path marker = root.host(MARKER);
        if (Files.deleteIfExists(marker)) return 0;
        // installed into the initrd only; should it reach a real system, leave its boot alone
        if (!root.exists("/etc/initrd-release")) return 0;
        if (step("re-running the generators", List.of("daemon-reload")) != 0) return 1;
        step("forgetting failed units", List.of("reset-failed"));
        return step("starting initrd.target again", List.of("--job-mode=fail", "--no-block", "isolate", "initrd.target"));
    }

    private int step(String what, List<String> args) throws IOException, InterruptedException {
        out.println(who + ": " + what + " (systemctl " + String.join(" ", args) + ")");
        out.flush();
        int rc = systemctl.run(args);
        if (rc != 0) out.println(who + ": systemctl " + String.join(" ", args) + " failed with exit status " + rc);
        return rc;
    }
}
