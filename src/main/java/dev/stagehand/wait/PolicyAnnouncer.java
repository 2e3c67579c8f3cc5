package dev.stagehand.wait;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The policy's side of {@link PolicyState}: says "within my timeout" and "decided". A file that
 * cannot be written costs the root wait its pause, never the policy its work: the problem is
 * said once on the console and the policy goes on.
 */
public final class PolicyAnnouncer {
    /** Announces nothing (tests, and a policy without a timeout of its own). */
    public static final PolicyAnnouncer NONE = new PolicyAnnouncer(null, null, null, 0, 0, null);

    private final Path dir;
    private final String name;
    private final String what;
    private final long timeoutNanos;
    private final long pid;
    private final PrintStream out;
    private boolean complained;
    private boolean waiting;
    private String news = "";

    /**
     * @param dir  the folder the root wait reads (PolicyState.DIR)
     * @param name the file name (PolicyState.mdName, lvmName)
     * @param what the reason as the root wait's console line says it
     */
    public PolicyAnnouncer(Path dir, String name, String what, long timeoutNanos, long pid, PrintStream out) {
        this.dir = dir;
        this.name = name;
        this.what = what;
        this.timeoutNanos = timeoutNanos;
        this.pid = pid;
        this.out = out;
    }

    /** The policy is within its timeout: the root wait holds its budget. */
    public void waiting() {
        waiting = true;
        write();
    }

    /** The policy is past its timeout (or had nothing to wait for): the root wait's budget runs. */
    public void decided() {
        waiting = false;
        write();
    }

    /** Progress below the chain's known links, e.g. "/dev/vda (a member of md/root)": the root wait starts its budget again. */
    public void progress(String what) {
        news = what;
        write();
    }

    private void write() {
        if (dir == null) return;
        Path file = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    tmp, new PolicyState(what, waiting, timeoutNanos, pid, news).text(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (!complained && out != null) {
                out.println("stagehand: cannot tell the root wait about " + what + " (" + file + ": " + e.getMessage()
                        + "); it counts this time against its budget");
                out.flush();
            }
            complained = true;
        }
    }
}
