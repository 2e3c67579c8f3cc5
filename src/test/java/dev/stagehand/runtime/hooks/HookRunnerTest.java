package dev.stagehand.runtime.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagehand.hooks.HookPoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `stagehand hook run` on real scripts in a temporary folder. */
class HookRunnerTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final AtomicInteger sleeps = new AtomicInteger();

    /** The functions file this repository ships (installed as /scripts/functions). */
    private static Path functions() {
        String src = System.getenv().getOrDefault("STAGEHAND_SOURCE_DIR", ".");
        return Path.of(src, "hooks", "functions").toAbsolutePath();
    }

    private HookRunner runner(Map<String, String> env) {
        HookRunner.Options o = new HookRunner.Options(
                dir.resolve("state"),
                "/bin/sh",
                dir.resolve("param.conf").toString(),
                null,
                null,
                ProcessBuilder.Redirect.appendTo(dir.resolve("output").toFile()),
                new PrintStream(said, true, StandardCharsets.UTF_8),
                ms -> sleeps.incrementAndGet());
        return new HookRunner(o, env, words -> {
            followed.add(words);
            return followAnswer;
        });
    }

    /** What the runner handed to the generator, and what the generator's side answers. */
    private final List<List<String>> followed = new java.util.ArrayList<>();

    private String followAnswer;

    private Map<String, String> bootEnv(String cmdline) {
        Map<String, String> env = new HashMap<>(HookEnvironment.initramfsTools(cmdline, "amd64", 12L));
        env.put("LOG", dir.resolve("log").toString());
        env.put("FUNCTIONS", functions().toString());
        return env;
    }

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve("scripts").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(
                p,
                "#!/bin/sh\nPREREQ=\"\"\ncase $1 in prereqs) echo \"$PREREQ\"; exit 0;; esac\n. \"$FUNCTIONS\"\n" + body
                        + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private String log() throws Exception {
        Path l = dir.resolve("log");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    private String output() throws Exception {
        Path l = dir.resolve("output");
        return Files.exists(l) ? Files.readString(l) : "";
    }

    private String said() {
        return said.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scriptsSeeTheEnvironmentInitramfsToolsExports() throws Exception {
        Path s = script(
                "env",
                "for v in ROOT ROOTFSTYPE ROOTFLAGS rootmnt readonly BOOT quiet ROOTDELAY resume init break starttime"
                        + " DPKG_ARCH; do eval \"echo $v=\\${$v-unset}\"; done >> \"$LOG\"; echo \"args=$#\" >> \"$LOG\"");
        int rc = runner(bootEnv(
                        "BOOT_IMAGE=/vmlinuz root=UUID=1a1a rootfstype=ext4 rootflags=noatime,ro quiet rootdelay=5 "
                                + "resume=UUID=2b2b break=mount"))
                .run(HookPoint.LOCAL_TOP, List.of(s), Set.of(), null);
        assertThat(rc).isZero();
        assertThat(log()).isEqualTo("""
                ROOT=UUID=1a1a
                ROOTFSTYPE=ext4
                ROOTFLAGS=-o noatime,ro
                rootmnt=/sysroot
                readonly=y
                BOOT=local
                quiet=y
                ROOTDELAY=5
                resume=/dev/disk/by-uuid/2b2b
                init=/sbin/init
                break=mount
                starttime=12
                DPKG_ARCH=amd64
                args=0
                """);
        assertThat(said()).contains("stagehand: running the local-top hooks: env");
    }

    @Test
    void paramConfIsReadBeforeEachScriptSoAScriptCanChangeRootForTheNext() throws Exception {
        Path first = script(
                "first",
                "echo \"first ROOT=$ROOT\" >> \"$LOG\"; echo 'ROOT=/dev/mapper/unlocked' >> \""
                        + dir.resolve("param.conf") + "\"");
        Path second = script("second", "echo \"second ROOT=$ROOT readonly=$readonly\" >> \"$LOG\"");
        int rc = runner(bootEnv("root=/dev/vda rw")).run(HookPoint.LOCAL_TOP, List.of(first, second), Set.of(), null);
        assertThat(rc).isZero();
        assertThat(log()).isEqualTo("first ROOT=/dev/vda\nsecond ROOT=/dev/mapper/unlocked readonly=n\n");
        assertThat(followed).containsExactly(List.of("root=/dev/mapper/unlocked"));
    }

    private Path setsParams(String name, String lines) throws Exception {
        return script(name, "printf '" + lines + "\\n' >> \"" + dir.resolve("param.conf") + "\"");
    }

    @Test
    void aRootSetThroughParamConfGoesToTheGeneratorOnceWithTypeAndFlags() throws Exception {
        Path s = setsParams("moves", "ROOT=UUID=2b2b\\nROOTFSTYPE=xfs\\nROOTFLAGS=\"-o noatime\"");
        int rc = runner(bootEnv("root=/dev/vda rootfstype=ext4"))
                .run(HookPoint.INIT_PREMOUNT, List.of(s), Set.of(), null);
        assertThat(rc).isZero();
        assertThat(followed).containsExactly(List.of("root=UUID=2b2b", "rootfstype=xfs", "rootflags=noatime"));
        assertThat(said())
                .contains(
                        "stagehand: the init-premount hooks set root=UUID=2b2b rootfstype=xfs rootflags=noatime through "
                                + dir.resolve("param.conf")
                                + " (the command line says root=/dev/vda); the root mount follows it");
    }

    @Test
    void aParamConfThatSaysWhatTheCommandLineSaysChangesNothing() throws Exception {
        Path s = setsParams("same", "ROOT=/dev/vda\\nOTHER=x");
        assertThat(runner(bootEnv("root=/dev/vda")).run(HookPoint.LOCAL_TOP, List.of(s), Set.of(), null))
                .isZero();
        assertThat(followed).isEmpty();
    }

    @Test
    void pointsAfterTheRootMountDoNotMoveTheRoot() throws Exception {
        Path s = setsParams("late", "ROOT=/dev/vdb");
        assertThat(runner(bootEnv("root=/dev/vda")).run(HookPoint.LOCAL_BOTTOM, List.of(s), Set.of(), null))
                .isZero();
        assertThat(followed).isEmpty();
    }

    @Test
    void aRootThatCannotBeAWordStopsTheBootWithoutTouchingTheGenerator() throws Exception {
        Path s = setsParams("blank", "ROOT=\"/dev/a b\"");
        assertThat(runner(bootEnv("root=/dev/vda")).run(HookPoint.LOCAL_TOP, List.of(s), Set.of(), null))
                .isEqualTo(1);
        assertThat(followed).isEmpty();
        assertThat(said())
                .contains("which cannot be used: a value holds a blank")
                .contains("emergency mode");
    }

    @Test
    void whenTheGeneratorCannotFollowTheBootStopsAndSaysHowToRetry() throws Exception {
        followAnswer = "systemctl daemon-reload failed";
        Path s = setsParams("moves", "ROOT=/dev/mapper/x");
        assertThat(runner(bootEnv("root=/dev/vda")).run(HookPoint.LOCAL_PREMOUNT, List.of(s), Set.of(), null))
                .isEqualTo(1);
        assertThat(said())
                .contains("the root mount cannot follow it: systemctl daemon-reload failed")
                .contains("stagehand retry --set root=/dev/mapper/x");
    }

    @Test
    void localBlockStopsCallingItsScriptsOnceTheyNameAnotherRoot() throws Exception {
        Path counter = dir.resolve("calls");
        Path s = script(
                "blocky",
                "echo x >> \"" + counter + "\"; [ \"$(wc -l < \"" + counter
                        + "\")\" -ge 3 ] && echo 'ROOT=/dev/mapper/late' >> \"" + dir.resolve("param.conf")
                        + "\"; true");
        int rc = runner(bootEnv("root=/dev/vda"))
                .run(HookPoint.LOCAL_BLOCK, List.of(s), Set.of(), dir.resolve("never-there"));
        assertThat(rc).isZero();
        assertThat(Files.readAllLines(counter)).hasSize(3);
        assertThat(followed).containsExactly(List.of("root=/dev/mapper/late"));
    }

    @Test
    void aFailingScriptStopsThePointNamingItAndItsStatus() throws Exception {
        Path ok = script("ok", "echo ok >> \"$LOG\"");
        Path bad = script("bad", "echo 'bad says why' ; exit 3");
        Path later = script("later", "echo later >> \"$LOG\"");
        int rc = runner(bootEnv("root=/dev/vda")).run(HookPoint.INIT_PREMOUNT, List.of(ok, bad, later), Set.of(), null);
        assertThat(rc).isEqualTo(1);
        assertThat(log()).isEqualTo("ok\n");
        assertThat(output()).contains("bad says why");
        assertThat(said())
                .contains("stagehand: init-premount/bad failed with exit status 3 (" + bad + ")")
                .contains("the boot stops at the init-premount hooks and goes to emergency mode");
    }

    @Test
    void panicNamesTheScriptAndItsMessage() throws Exception {
        Path p = script(
                "cryptkeys",
                "log_begin_msg 'Fetching keys'; panic \"no key server at 10.0.0.1\"; echo notreached >> \"$LOG\"");
        int rc = runner(bootEnv("root=/dev/vda")).run(HookPoint.LOCAL_TOP, List.of(p), Set.of(), null);
        assertThat(rc).isEqualTo(1);
        assertThat(log()).isEmpty();
        assertThat(output()).contains("Begin: Fetching keys ... ").contains("no key server at 10.0.0.1");
        assertThat(said())
                .contains("stagehand: local-top/cryptkeys failed with exit status 1")
                .contains("stagehand: local-top/cryptkeys called panic: no key server at 10.0.0.1");
    }

    @Test
    void logFunctionsAreQuietWithQuiet() throws Exception {
        Path p = script(
                "talk",
                "log_success_msg yes; log_warning_msg careful; log_failure_msg no; log_begin_msg a; log_end_msg");
        runner(bootEnv("root=/dev/vda")).run(HookPoint.LOCAL_TOP, List.of(p), Set.of(), null);
        assertThat(output()).isEqualTo("Success: yes\nWarning: careful\nFailure: no\nBegin: a ... done.\n");
        Files.delete(dir.resolve("output"));
        Files.delete(dir.resolve("state/local-top/talk.done"));
        runner(bootEnv("root=/dev/vda quiet")).run(HookPoint.LOCAL_TOP, List.of(p), Set.of(), null);
        assertThat(output()).isEmpty();
    }

    @Test
    void anOptionalScriptMayFail() throws Exception {
        Path bad = script("bad", "exit 4");
        Path later = script("later", "echo later >> \"$LOG\"");
        int rc = runner(bootEnv("root=/dev/vda")).run(HookPoint.LOCAL_BOTTOM, List.of(bad, later), Set.of("bad"), null);
        assertThat(rc).isZero();
        assertThat(log()).isEqualTo("later\n");
        assertThat(said())
                .contains("local-bottom/bad failed with exit status 4")
                .contains("local-bottom/bad is optional ([Hooks] Optional= in stagehand.conf); going on");
    }

    @Test
    void onARetryOnlyWhatHadNotSucceededRuns() throws Exception {
        Path fix = dir.resolve("fixed");
        Path a = script("a", "echo a >> \"$LOG\"");
        Path b = script("b", "echo b >> \"$LOG\"; [ -e '" + fix + "' ]");
        Path c = script("c", "echo c >> \"$LOG\"");
        HookRunner r = runner(bootEnv("root=/dev/vda"));
        assertThat(r.run(HookPoint.INIT_PREMOUNT, List.of(a, b, c), Set.of(), null))
                .isEqualTo(1);
        Files.writeString(fix, "");
        assertThat(r.run(HookPoint.INIT_PREMOUNT, List.of(a, b, c), Set.of(), null))
                .isZero();
        assertThat(log()).isEqualTo("a\nb\nb\nc\n");
        assertThat(said()).contains("init-premount/a succeeded earlier in this boot; not run again");
        assertThat(dir.resolve("state/init-premount/b.done")).exists();
    }

    @Test
    void localBlockRunsEverySecondWithTheRootUntilTheDeviceIsThere() throws Exception {
        Path device = dir.resolve("dev-root");
        Path s = script(
                "assemble",
                "echo \"called with $1 ($#)\" >> \"$LOG\"; n=$(wc -l < \"$LOG\"); " + "[ \"$n\" -ge 3 ] && : > '"
                        + device + "'; true");
        int rc = runner(bootEnv("root=UUID=1a1a")).run(HookPoint.LOCAL_BLOCK, List.of(s), Set.of(), device);
        assertThat(rc).isZero();
        assertThat(log()).isEqualTo("called with UUID=1a1a (1)\n".repeat(3));
        assertThat(sleeps.get()).isEqualTo(3);
        assertThat(dir.resolve("state/local-block/assemble.done")).doesNotExist(); // called again when needed
    }

    @Test
    void localBlockDoesNothingWhenTheDeviceIsThere() throws Exception {
        Path device = dir.resolve("dev-root");
        Files.writeString(device, "");
        Path s = script("assemble", "echo called >> \"$LOG\"");
        assertThat(runner(bootEnv("root=/dev/vda")).run(HookPoint.LOCAL_BLOCK, List.of(s), Set.of(), device))
                .isZero();
        assertThat(log()).isEmpty();
    }

    @Test
    void nixosCommandsRunAsTheyAreWithTargetRoot() throws Exception {
        Path p = dir.resolve("postDeviceCommands");
        Files.writeString(p, "#!/bin/sh\necho \"targetRoot=$targetRoot ROOT=${ROOT-unset}\" >> \"$LOG\"\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(HookEnvironment.nixos());
        env.put("LOG", dir.resolve("log").toString());
        assertThat(runner(env).run(HookPoint.NIXOS_POST_DEVICE, List.of(p), Set.of(), null))
                .isZero();
        assertThat(log()).isEqualTo("targetRoot=/sysroot ROOT=unset\n");
        assertThat(dir.resolve("state/nixos/postDeviceCommands.done")).exists();
    }

    @Test
    void aScriptThatCannotRunFailsTheHook() throws Exception {
        Path p = dir.resolve("scripts/notexec");
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        int rc = runner(bootEnv("root=/dev/vda")).run(HookPoint.LOCAL_TOP, List.of(p), Set.of(), null);
        assertThat(rc).isEqualTo(1);
        assertThat(said()).containsPattern("local-top/notexec failed with exit status 12[67]");
    }
}
