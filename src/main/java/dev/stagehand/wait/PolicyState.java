package dev.stagehand.wait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a degraded policy (md-degraded, lvm-activate) tells the root wait: one small file per
 * policy in {@link #DIR}, replaced whole (written beside it, then renamed over it, so a reader
 * never sees half of it and inotify reports it as created).
 *
 * <pre>
 * what=md/root's degraded timeout
 * state=waiting
 * timeout-ns=5000000000
 * pid=412
 * news=/dev/vda (a member of md/root)
 * </pre>
 *
 * state=waiting: the policy is within its timeout (the layer is still doing its job, the root
 * wait's budget holds); state=decided: it is past it (started degraded, asked, or left it).
 * The reader trusts a waiting file only while process pid lives and for at most timeout-ns of
 * its own held time: a policy that crashed or hangs holds the root wait no longer than the
 * timeout it announced. news= is the last progress the policy saw below the chain's known
 * links (a member of the array appeared, a PV of the group): the root wait takes each new text
 * as progress, once, as it takes a link that appears.
 *
 * @param what    the reason as the console says it ("md/root's degraded timeout")
 * @param waiting state=waiting
 * @param timeoutNanos the policy's timeout
 * @param pid     the policy's process
 * @param news    the last progress, or "" (none yet)
 */
public record PolicyState(String what, boolean waiting, long timeoutNanos, long pid, String news) {
    /** Where the policies write and the root wait reads. */
    public static final Path DIR = Path.of("/run/stagehand/policy");

    /** The file name of an md array's policy: md-UUID (32 hex digits, lower case, no colons). */
    public static String mdName(String uuid) {
        return "md-" + uuid.replace(":", "").toLowerCase(Locale.ROOT);
    }

    /** The file name of a volume group's policy: lvm-VG (a VG name is a valid file name: LvmNames). */
    public static String lvmName(String vg) {
        return "lvm-" + vg;
    }

    String text() {
        return "what=" + what.replace('\n', ' ') + "\nstate=" + (waiting ? "waiting" : "decided") + "\ntimeout-ns="
                + timeoutNanos + "\npid=" + pid + "\nnews=" + news.replace('\n', ' ') + "\n";
    }

    /** The state in file, or null when there is none or it is not one this code wrote. */
    public static PolicyState read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String what = null, state = null, news = "";
        long timeout = -1, pid = -1;
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String v = line.substring(eq + 1);
            switch (line.substring(0, eq)) {
                case "what" -> what = v;
                case "state" -> state = v;
                case "timeout-ns" -> timeout = parse(v);
                case "pid" -> pid = parse(v);
                case "news" -> news = v;
                default -> {}
            }
        }
        if (what == null || what.isEmpty() || state == null || timeout < 0 || pid <= 0) return null;
        if (!state.equals("waiting") && !state.equals("decided")) return null;
        return new PolicyState(what, state.equals("waiting"), timeout, pid, news);
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
