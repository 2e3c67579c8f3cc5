package dev.stagehand.runtime.retry;

import dev.stagehand.input.Root;
import dev.stagehand.log.Log;
import dev.stagehand.retry.CommandLineOverrides;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

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
        return text == null
                ? CommandLineOverrides.none()
                : CommandLineOverrides.parse(text, CommandLineOverrides.PATH, log);
    }

    /** Writes the overrides (temp file + rename: the generator never reads half a file). */
    public void save(CommandLineOverrides o) throws IOException {
        write(CommandLineOverrides.PATH, o.render());
    }

    private void write(String logical, String text) throws IOException {
        write(root.host(logical), text);
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Path tmp = p.resolveSibling("." + p.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** daemon-reload, reset-failed, isolate initrd.target; 0 when all of them worked. */
    public int resume() throws IOException, InterruptedException {
        return resume(null);
    }

    /**
     * @param abandonedRoot the root= of /proc/cmdline when the overrides replaced it, else
     *                      null: dracut's wait for that device must end, or its initqueue
     *                      would wait for it until rd.retry= runs out
     */
    public int resume(String abandonedRoot) throws IOException, InterruptedException {
        if (step("re-running the generators", List.of("daemon-reload")) != 0) return 1;
        if (abandonedRoot != null) endDracutWaits(abandonedRoot);
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
     * Ends dracut's initqueue waits for devices that are not there (the old root among them)
     * by making their hooks pass (DracutDeviceWaits says why they are not deleted), and puts
     * such a hook in place for the old root when there is none yet: the isolate runs
     * dracut-cmdline.service again, and dracut-ng's cmdline hook would write the wait anew.
     * Done after the reload, which runs dracut's rootfs generator. stagehand's root wait
     * waits for the new root.
     *
     * @param abandonedRoot the root= of /proc/cmdline that the overrides replaced, or null
     *                      when there is none (only the hooks already there are ended)
     */
    void endDracutWaits(String abandonedRoot) throws IOException {
        Path dir = root.host(DracutDeviceWaits.FINISHED);
        if (dir == null || !Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.sh")) {
            for (Path hook : ds) {
                String device = DracutDeviceWaits.deviceOf(hook.getFileName().toString());
                if (device == null || !device.startsWith("/dev/") || root.exists(device)) continue;
                if (DracutDeviceWaits.OVER.equals(Files.readString(hook, StandardCharsets.ISO_8859_1))) continue;
                write(hook, DracutDeviceWaits.OVER);
                out.println(who + ": dropped dracut's wait for " + device + " (root= was changed)");
            }
        }
        String old = abandonedRoot == null ? null : DracutDeviceWaits.rootDevice(abandonedRoot);
        if (old == null || root.exists(old)) return;
        Path hook = root.host(DracutDeviceWaits.FINISHED + "/" + DracutDeviceWaits.hookName(old));
        if (hook == null || Files.exists(hook)) return; // a name this JVM cannot spell: leave it to dracut
        write(hook, DracutDeviceWaits.OVER);
        out.println(who + ": dracut will not wait for " + old + " (root= was changed)");
    }

    /**
     * While the boot goes on (a hook script set ROOT through /conf/param.conf): the overrides
     * are saved, daemon-reload makes the generator write sysroot.mount and the root wait for the
     * new root, dracut's wait for the old one goes, and a start of initrd.target queues the jobs
     * the new units need (the new root's device); jobs already queued stay, nothing is stopped.
     *
     * @param abandonedRoot the root= of /proc/cmdline the overrides replace, or null (none there)
     * @return null when all of it worked, else what failed
     */
    public String followRoot(CommandLineOverrides o, String abandonedRoot) throws IOException, InterruptedException {
        save(o);
        if (step("re-running the generators", List.of("daemon-reload")) != 0) return "systemctl daemon-reload failed";
        endDracutWaits(abandonedRoot);
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
     * "systemctl default" would, after a daemon-reload (and, when earlier overrides replaced
     * root=, after ending dracut's wait for the old root, as {@link #resume(String)} does).
     */
    public int afterEmergency(String abandonedRoot) throws IOException, InterruptedException {
        Path marker = root.host(MARKER);
        if (Files.deleteIfExists(marker)) return 0;
        // installed into the initrd only; should it reach a real system, leave its boot alone
        if (!root.exists("/etc/initrd-release")) return 0;
        if (step("re-running the generators", List.of("daemon-reload")) != 0) return 1;
        if (abandonedRoot != null) endDracutWaits(abandonedRoot);
        step("forgetting failed units", List.of("reset-failed"));
        return step(
                "starting initrd.target again", List.of("--job-mode=fail", "--no-block", "isolate", "initrd.target"));
    }

    private int step(String what, List<String> args) throws IOException, InterruptedException {
        out.println(who + ": " + what + " (systemctl " + String.join(" ", args) + ")");
        out.flush();
        int rc = systemctl.run(args);
        if (rc != 0) out.println(who + ": systemctl " + String.join(" ", args) + " failed with exit status " + rc);
        return rc;
    }
}
