package dev.stagehand.runtime.hooks;

import dev.stagehand.hooks.HookPoint;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `stagehand hook run POINT SCRIPT...`: runs the scripts of one hook point in order, as
 * initramfs-tools' init (or NixOS' stage-1-init.sh) would have, inside a systemd unit.
 *
 * <ul>
 * <li>initramfs-tools scripts run through {@code sh -c}, which first sources
 *     /conf/param.conf when it exists: mkinitramfs' ORDER file sources it after every script,
 *     so a script can change ROOT and the like for the scripts after it; the variables it sets
 *     reach later scripts only if they are exported (as with init). local-block scripts get
 *     $ROOT as their argument, as init's local_block "${ROOT}" passes it.</li>
 * <li>A script that exits non-zero stops the point: its name, path and exit status (and the
 *     message, when it called panic) are printed, and the run fails, which fails the unit
 *     (the boot goes to emergency mode). initramfs-tools itself ignores exit statuses and
 *     only stops at panic; stagehand stops at both, unless the script is optional
 *     ([Hooks] Optional=), whose failure is reported and passed over.</li>
 * <li>A script that succeeded leaves a done-marker (STATE/POINT/NAME.done, /run/stagehand/hooks
 *     at boot): when the unit runs again after emergency mode (`systemctl default`), scripts
 *     that succeeded are not run again, the failed one and those after it are. local-block
 *     and preFailCommands run every time they are called, by design, and keep no markers.</li>
 * <li>local-block: while the root device (--wait-for) is missing, every second, all
 *     local-block scripts are run (init's local_device_setup loop); it ends when the device
 *     is there. It has no time limit of its own: the root wait (stagehand-rootwait, or the
 *     device's job timeout) decides when to give up, and the emergency mode that follows
 *     stops the loop (the unit conflicts with emergency.target).</li>
 * </ul>
 */
public final class HookRunner {
    /** Where the dracut module and `make install` put stagehand's /scripts/functions. */
    public static final String INSTALLED_FUNCTIONS = "/usr/lib/stagehand/hooks/functions";
    /** The line that marks our functions file (initramfs-tools' own one would start a shell). */
    static final String FUNCTIONS_MARK = "stagehand-hook-functions";

    /** What the runner touches; tests point these into a temporary folder. */
    public record Options(
            Path stateDir,
            String shell,
            String paramConf,
            Path functions,
            Path installedFunctions,
            ProcessBuilder.Redirect scriptOutput,
            PrintStream out,
            Sleeper sleeper) {
        public static Options boot() {
            return new Options(
                    Path.of("/run/stagehand/hooks"),
                    "/bin/sh",
                    "/conf/param.conf",
                    Path.of("/scripts/functions"),
                    Path.of(INSTALLED_FUNCTIONS),
                    ProcessBuilder.Redirect.INHERIT,
                    System.out,
                    new ThreadSleeper());
        }
    }

    /** Sleeps (local-block's one-second pause); a test may pass time faster. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Thread.sleep, as a class (a method reference here would be a constant that native-image
     * puts into the image heap, which a run-time-initialized interface does not allow).
     */
    static final class ThreadSleeper implements Sleeper {
        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    }

    /**
     * Takes a root that hook scripts set through /conf/param.conf to the generator (as command
     * line overrides, then daemon-reload): sysroot.mount and the root wait follow it.
     */
    @FunctionalInterface
    public interface RootFollower {
        /**
         * @param words root=, rootfstype=, rootflags= as the scripts left them
         * @return null when the boot follows them, else why not
         */
        String follow(List<String> words) throws IOException, InterruptedException;
    }

    private final Options o;
    private final Map<String, String> env;
    private final RootFollower follower;

    /** @param env the whole environment of the scripts (see {@link HookEnvironment}) */
    public HookRunner(Options options, Map<String, String> env) {
        this(options, env, words -> "nothing here can change the root mount");
    }

    public HookRunner(Options options, Map<String, String> env, RootFollower follower) {
        this.o = options;
        this.env = Map.copyOf(env);
        this.follower = follower;
    }

    private void say(String s) {
        o.out().println("stagehand: " + s);
        o.out().flush();
    }

    /** Runs the point's scripts; 0 when all succeeded (or only optional ones failed), else 1. */
    public int run(HookPoint p, List<Path> scripts, Set<String> optional, Path waitFor) throws InterruptedException {
        if (p.family == HookPoint.Family.INITRAMFS_TOOLS) checkFunctions();
        if (p == HookPoint.LOCAL_BLOCK && waitFor != null) {
            // init's local_device_setup: nothing to do while the device is there
            while (!Files.exists(waitFor)) {
                o.sleeper().sleep(1000);
                if (Files.exists(waitFor)) break;
                if (!runAll(p, scripts, optional)) return 1;
                // a new ROOT: the root wait waits for that one now, not this loop
                RootChange c = rootChange(p);
                if (c != RootChange.NONE) return c == RootChange.FOLLOWED ? 0 : 1;
            }
            return 0;
        }
        if (!runAll(p, scripts, optional)) return 1;
        return rootChange(p) == RootChange.REFUSED ? 1 : 0;
    }

    private enum RootChange {
        NONE,
        FOLLOWED,
        REFUSED
    }

    /**
     * After a point that comes before init's root mount: did its scripts change ROOT,
     * ROOTFSTYPE or ROOTFLAGS through /conf/param.conf? Then the generator takes the change
     * (sysroot.mount and the root wait follow it), and it is said on the console. A change
     * that cannot be followed stops the boot here, as mounting the old root would go against
     * what the scripts asked for.
     */
    private RootChange rootChange(HookPoint p) throws InterruptedException {
        if (p.family != HookPoint.Family.INITRAMFS_TOOLS || !p.precedesRootMount()) return RootChange.NONE;
        RootParams cmdline = RootParams.of(env), now;
        try {
            now = RootParams.afterParamConf(cmdline, o.shell(), o.paramConf(), env);
        } catch (IOException e) {
            say("cannot read " + o.paramConf() + " after the " + p.id() + " hooks (" + e.getMessage()
                    + "); the root stays " + describe(cmdline));
            return RootChange.NONE;
        }
        List<String> words = now.wordsChangedFrom(cmdline);
        if (words.isEmpty()) return RootChange.NONE;
        String problem = now.problem();
        String what = "the " + p.id() + " hooks set " + String.join(" ", words) + " through " + o.paramConf()
                + " (the command line says " + describe(cmdline) + ")";
        if (problem != null) {
            say(what + ", which cannot be used: " + problem + ". Fix the script, or set root= on the command line;"
                    + " the boot goes to emergency mode.");
            return RootChange.REFUSED;
        }
        String why;
        try {
            why = follower.follow(words);
        } catch (IOException e) {
            why = e.getMessage();
        }
        if (why != null) {
            say(what + ", but the root mount cannot follow it: " + why
                    + ". In the emergency shell: stagehand retry --set " + words.get(0));
            return RootChange.REFUSED;
        }
        say(what + "; the root mount follows it (as initramfs-tools' init would mount it)");
        return RootChange.FOLLOWED;
    }

    private static String describe(RootParams r) {
        return r.root().isEmpty() ? "no root=" : "root=" + r.root();
    }

    private boolean runAll(HookPoint p, List<Path> scripts, Set<String> optional) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (Path s : scripts) names.add(s.getFileName().toString());
        if (p != HookPoint.LOCAL_BLOCK) say("running the " + p.id() + " hooks: " + String.join(" ", names));
        for (Path s : scripts) {
            String name = s.getFileName().toString();
            String hook = p.hookName(name);
            Path done = o.stateDir().resolve(hook + ".done");
            Path panic = o.stateDir().resolve(hook + ".panic");
            if (!p.runsRepeatedly() && Files.exists(done)) {
                say(hook + " succeeded earlier in this boot; not run again");
                continue;
            }
            int status;
            try {
                Files.createDirectories(panic.getParent());
                Files.deleteIfExists(panic);
                status = start(p, s, hook, panic);
            } catch (IOException e) {
                say(hook + " cannot be started: " + e.getMessage() + " (" + s + ")");
                status = -1;
            }
            if (status == 0) {
                if (!p.runsRepeatedly()) mark(done, s);
                continue;
            }
            String why = status < 0 ? "could not be started" : "failed with exit status " + status;
            say(hook + " " + why + " (" + s + ")");
            String message = panicMessage(panic);
            if (message != null) say(hook + " called panic: " + message);
            if (optional.contains(name)) {
                say(hook + " is optional ([Hooks] Optional= in stagehand.conf); going on");
                continue;
            }
            if (!p.isFailureHook()) {
                say("the boot stops at the " + p.id()
                        + " hooks and goes to emergency mode. Fix the cause there, then run"
                        + " `systemctl default` (hooks that succeeded do not run again).");
            }
            return false;
        }
        return true;
    }

    /** Starts one script and waits for it; its output goes where the unit's goes. */
    private int start(HookPoint p, Path script, String hook, Path panic) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (p.family == HookPoint.Family.INITRAMFS_TOOLS) {
            // ORDER's "[ -e /conf/param.conf ] && . /conf/param.conf" (there after each script:
            // the same for the next one), then the script, local-block's with $ROOT
            cmd.add(o.shell());
            cmd.add("-c");
            cmd.add("stagehand_param_conf=$1; shift; [ -e \"$stagehand_param_conf\" ] && . \"$stagehand_param_conf\"; "
                    + "unset stagehand_param_conf; exec \"$@\"" + (p == HookPoint.LOCAL_BLOCK ? " \"$ROOT\"" : ""));
            cmd.add("stagehand-hook");
            cmd.add(o.paramConf());
        }
        cmd.add(script.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("STAGEHAND_HOOK", hook);
        pb.environment().put("STAGEHAND_PANIC_FILE", panic.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(o.scriptOutput());
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        return proc.waitFor();
    }

    private void mark(Path done, Path script) {
        try {
            Path tmp = done.resolveSibling("." + done.getFileName() + ".tmp");
            Files.writeString(tmp, script + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            say("cannot record that " + script + " succeeded (" + e.getMessage() + "); it would run again on a retry");
        }
    }

    private static String panicMessage(Path panic) {
        try {
            if (!Files.exists(panic)) return null;
            String s = Files.readString(panic, StandardCharsets.ISO_8859_1).strip();
            return s.isEmpty() ? "(no message)" : s;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Scripts source /scripts/functions. A dracut initrd has none: the module links it to ours;
     * an initrd put together by hand gets the link here when ours is installed. An initrd
     * that carries initramfs-tools' own keeps it, with a warning: its panic would try to start
     * a shell on the console.
     */
    private void checkFunctions() {
        Path f = o.functions();
        if (f == null) return;
        try {
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                if (o.installedFunctions() != null && Files.exists(o.installedFunctions())) {
                    Files.createDirectories(f.getParent());
                    Files.createSymbolicLink(f, o.installedFunctions());
                } else {
                    say(f + " is missing (stagehand installs it at " + INSTALLED_FUNCTIONS
                            + "); scripts that source it will fail");
                }
                return;
            }
            if (!Files.readString(f, StandardCharsets.ISO_8859_1).contains(FUNCTIONS_MARK)) {
                say(
                        f
                                + " is not stagehand's: its panic may wait for a shell on the console instead of failing the hook");
            }
        } catch (IOException e) {
            say("cannot check " + f + ": " + e.getMessage());
        }
    }
}
