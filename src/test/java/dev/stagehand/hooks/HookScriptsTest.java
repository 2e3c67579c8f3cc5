package dev.stagehand.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stagehand.input.Root;
import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Level;
import dev.stagehand.log.Log;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and ordering the scripts of a hook point, in every layout, from a fake root. */
class HookScriptsTest {
    @TempDir
    Path root;

    private final Log log = Log.silent();

    /** An initramfs-tools script after the template of initramfs-tools(7). */
    private Path script(String logical, String prereq) throws Exception {
        return write(
                logical,
                "#!/bin/sh\nPREREQ=\"" + prereq + "\"\nprereqs()\n{\n\techo \"$PREREQ\"\n}\ncase $1 in\n"
                        + "prereqs)\n\tprereqs\n\texit 0\n\t;;\nesac\necho ran\n",
                "rwxr-xr-x");
    }

    private Path write(String logical, String text, String mode) throws Exception {
        Path p = root.resolve(logical.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    private HookScripts scripts() {
        return new HookScripts(new Root(root), log);
    }

    private static List<String> paths(List<HookScript> l) {
        return l.stream().map(HookScript::path).toList();
    }

    private List<String> said() {
        return log.messages().stream()
                .filter(d -> d.level().priority <= Level.NOTICE.priority)
                .map(Diagnostic::toString)
                .toList();
    }

    @Test
    void prereqOrderAcrossBothHostFoldersEtcReplacingUsrShare() throws Exception {
        script("/usr/share/initramfs-tools/scripts/local-top/zz-net", "");
        script("/usr/share/initramfs-tools/scripts/local-top/keys", "zz-net");
        script("/usr/share/initramfs-tools/scripts/local-top/unlock", "keys"); // replaced below
        script("/etc/initramfs-tools/scripts/local-top/unlock", ""); // /etc: no PREREQ
        script("/etc/initramfs-tools/scripts/local-top/after", "unlock udev");
        List<HookScript> l = scripts().initramfsTools(HookPoint.LOCAL_TOP);
        // pairs in glob order: after(unlock udev) keys(zz-net) unlock() zz-net(); tsort: free items
        // sorted (udev, unlock, zz-net), then those they free
        assertThat(paths(l))
                .containsExactly(
                        "/etc/initramfs-tools/scripts/local-top/unlock",
                        "/usr/share/initramfs-tools/scripts/local-top/zz-net",
                        "/etc/initramfs-tools/scripts/local-top/after",
                        "/usr/share/initramfs-tools/scripts/local-top/keys");
        assertThat(l.get(2).prereqs()).containsExactly("unlock", "udev");
        assertThat(l.get(2).hookName()).isEqualTo("local-top/after");
    }

    @Test
    void prereqSetsWithMissingPrerequisites() throws Exception {
        script("/etc/initramfs-tools/scripts/init-premount/c", "a b");
        script("/etc/initramfs-tools/scripts/init-premount/b", "a nothere");
        script("/etc/initramfs-tools/scripts/init-premount/a", "");
        assertThat(scripts().initramfsTools(HookPoint.INIT_PREMOUNT).stream().map(HookScript::name))
                .containsExactly("a", "b", "c");
        assertThat(said()).isEmpty();
    }

    @Test
    void aLoopIsReportedWithFileNamesAndBrokenAsTsortBreaksIt() throws Exception {
        script("/etc/initramfs-tools/scripts/local-premount/a", "c");
        script("/etc/initramfs-tools/scripts/local-premount/b", "a");
        script("/etc/initramfs-tools/scripts/local-premount/c", "b");
        script("/etc/initramfs-tools/scripts/local-premount/d", "");
        List<HookScript> l = scripts().initramfsTools(HookPoint.LOCAL_PREMOUNT);
        assertThat(l).hasSize(4);
        // GNU tsort on "a a, c a, b b, a b, c c, b c, d d" prints d a b c (and the loop a b c)
        assertThat(l.stream().map(HookScript::name)).containsExactly("d", "a", "b", "c");
        assertThat(said())
                .singleElement()
                .asString()
                .contains("form a loop")
                .contains("/etc/initramfs-tools/scripts/local-premount/a:2")
                .contains("/etc/initramfs-tools/scripts/local-premount/b:2")
                .contains("/etc/initramfs-tools/scripts/local-premount/c:2");
    }

    @Test
    void skipsWhatInitramfsToolsSkipsAndSaysWhy() throws Exception {
        script("/etc/initramfs-tools/scripts/local-top/good", "");
        write("/etc/initramfs-tools/scripts/local-top/noexec", "#!/bin/sh\n", "rw-r--r--");
        script("/etc/initramfs-tools/scripts/local-top/bad name", "");
        Files.createDirectories(root.resolve("etc/initramfs-tools/scripts/local-top/adir"));
        script("/etc/initramfs-tools/scripts/local-top/.hidden", "");
        Files.createSymbolicLink(
                root.resolve("etc/initramfs-tools/scripts/local-top/dangling"), root.resolve("nowhere"));
        assertThat(scripts().initramfsTools(HookPoint.LOCAL_TOP).stream().map(HookScript::name))
                .containsExactly("good");
        assertThat(said())
                .containsExactlyInAnyOrder(
                        "/etc/initramfs-tools/scripts/local-top/bad name: not a script name initramfs-tools accepts (letters, digits, '.', '_', '-'); skipped",
                        "/etc/initramfs-tools/scripts/local-top/dangling: cannot be read (a dangling link?); script skipped",
                        "/etc/initramfs-tools/scripts/local-top/noexec: not executable; skipped (initramfs-tools skips it too)");
    }

    @Test
    void garbagePrereqLinesAreReportedWithFileAndLineAndSkipped() throws Exception {
        script("/etc/initramfs-tools/scripts/local-bottom/ok", "");
        write(
                "/etc/initramfs-tools/scripts/local-bottom/subst",
                "#!/bin/sh\n# x\nPREREQ=\"$(cat /etc/x)\"\n",
                "rwxr-xr-x");
        write("/etc/initramfs-tools/scripts/local-bottom/open", "#!/bin/sh\nPREREQ=\"udev\n", "rwxr-xr-x");
        write("/etc/initramfs-tools/scripts/local-bottom/cmd", "#!/bin/sh\nPREREQ=udev rm -rf /\n", "rwxr-xr-x");
        write(
                "/etc/initramfs-tools/scripts/local-bottom/twice",
                "#!/bin/sh\nPREREQ=\"a\"\nPREREQ=\"b\"\n",
                "rwxr-xr-x");
        write("/etc/initramfs-tools/scripts/local-bottom/word", "#!/bin/sh\nPREREQ='a;b'\n", "rwxr-xr-x");
        write("/etc/initramfs-tools/scripts/local-bottom/elf", "\177ELF\0\0\0\n", "rwxr-xr-x");
        assertThat(scripts().initramfsTools(HookPoint.LOCAL_BOTTOM).stream().map(HookScript::name))
                .containsExactly("ok");
        String d = "/etc/initramfs-tools/scripts/local-bottom/";
        assertThat(said())
                .containsExactlyInAnyOrder(
                        d
                                + "cmd:2: unexpected text after the PREREQ value: \"rm -rf /\" (expected PREREQ=\"name ...\" alone on its line); script skipped",
                        d
                                + "elf:1: contains a NUL byte: not a shell script, so its PREREQ cannot be read without running it; script skipped",
                        d
                                + "open:2: the PREREQ value does not end on its line (expected PREREQ=\"name ...\"); script skipped",
                        d
                                + "subst:3: the PREREQ value has a '$', which only running the script could expand (expected PREREQ=\"name ...\"); script skipped",
                        d
                                + "twice:3: PREREQ is assigned twice (lines 2 and 3) with different values; which one counts depends on running the script; script skipped",
                        d
                                + "word:2: PREREQ names \"a;b\", which is not a script name (letters, digits, '.', '_', '-'); script skipped");
    }

    @Test
    void initrdLayoutFollowsItsOrderFile() throws Exception {
        script("/scripts/local-top/a", "");
        script("/scripts/local-top/b", "");
        script("/scripts/local-top/c", "a");
        write(
                "/scripts/local-top/ORDER",
                "/scripts/local-top/c \"$@\"\n[ -e /conf/param.conf ] && . /conf/param.conf\n"
                        + "/scripts/local-top/a \"$@\"\n[ -e /conf/param.conf ] && . /conf/param.conf\n"
                        + "/scripts/other/x \"$@\"\n/scripts/local-top/gone \"$@\"\n/scripts/local-top/c \"$@\"\n",
                "rw-r--r--");
        script("/etc/initramfs-tools/scripts/local-top/host", "");
        List<HookScript> l = scripts().initramfsTools(HookPoint.LOCAL_TOP);
        assertThat(paths(l)).containsExactly("/scripts/local-top/c", "/scripts/local-top/a"); // ORDER, not PREREQ
        assertThat(l.get(0).origin().toString()).isEqualTo("/scripts/local-top/ORDER:1");
        assertThat(said())
                .containsExactlyInAnyOrder(
                        "/etc/initramfs-tools/scripts/local-top: not used: the initrd's own /scripts/local-top is what initramfs-tools would run",
                        "/scripts/local-top/ORDER:5: expected \"/scripts/local-top/NAME \\\"$@\\\"\" or the /conf/param.conf line, got \"/scripts/other/x \"$@\"\"; line ignored",
                        "/scripts/local-top/ORDER:6: /scripts/local-top/gone does not exist; skipped",
                        "/scripts/local-top/ORDER:7: c is listed again; it runs once",
                        "/scripts/local-top/b: not listed in /scripts/local-top/ORDER; not run (initramfs-tools runs what ORDER lists)");
    }

    @Test
    void initrdLayoutWithoutOrderFileIsOrderedByPrereq() throws Exception {
        script("/scripts/init-bottom/b", "a");
        script("/scripts/init-bottom/a", "");
        assertThat(paths(scripts().initramfsTools(HookPoint.INIT_BOTTOM)))
                .containsExactly("/scripts/init-bottom/a", "/scripts/init-bottom/b");
    }

    @Test
    void nixosCommandLists() throws Exception {
        write("/etc/stagehand/hooks/nixos/postDeviceCommands", "#!/bin/sh\nzpool import -a\n", "rwxr-xr-x");
        write("/etc/stagehand/hooks/nixos/preLVMCommands", "#!/bin/sh\n# nothing\n\n", "rwxr-xr-x");
        write("/etc/stagehand/hooks/nixos/postMountCommands", "#!/bin/sh\ntrue\n", "rw-r--r--");
        write("/etc/stagehand/hooks/nixos/postBootCommands", "#!/bin/sh\ntrue\n", "rwxr-xr-x");
        Map<HookPoint, List<HookScript>> all = scripts().discover();
        assertThat(all).containsOnlyKeys(HookPoint.NIXOS_POST_DEVICE);
        assertThat(all.get(HookPoint.NIXOS_POST_DEVICE).get(0).hookName()).isEqualTo("nixos/postDeviceCommands");
        assertThat(said())
                .containsExactlyInAnyOrder(
                        "/etc/stagehand/hooks/nixos/postMountCommands: not executable; skipped (the NixOS module writes these with mode 0755)",
                        "/etc/stagehand/hooks/nixos/postBootCommands: not a NixOS stage-1 command list (expected one of preDeviceCommands, "
                                + "preLVMCommands, postDeviceCommands, postResumeCommands, postMountCommands, preFailCommands); ignored");
    }

    /**
     * What initramfs-tools does at build time, done for real on random folders: each script
     * run with "prereqs", the pairs through GNU tsort, the output kept where it is a script.
     * The generator's static reading of PREREQ lines must give the same order.
     */
    @Test
    void sameOrderAsRunningTheScriptsThroughGnuTsort() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tsort")) && Files.isExecutable(Path.of("/bin/sh")));
        Random rnd = new Random(7);
        String[] names = {
            "udev", "mdadm", "lvm2", "cryptroot", "a", "b", "c", "net", "keys", "zz", "A1", "x_y", "p-q", "v.2"
        };
        for (int round = 0; round < 60; round++) {
            String stage = "/etc/initramfs-tools/scripts/local-top";
            Path dir = root.resolve(stage.substring(1));
            if (Files.exists(dir))
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) Files.delete(p);
                }
            int n = 1 + rnd.nextInt(8);
            List<String> made = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String x = names[rnd.nextInt(names.length)];
                if (made.contains(x)) continue;
                StringBuilder pre = new StringBuilder();
                for (int j = rnd.nextInt(4); j > 0; j--)
                    pre.append(pre.isEmpty() ? "" : " ").append(names[rnd.nextInt(names.length)]);
                script(stage + "/" + x, pre.toString());
                made.add(x);
            }
            String sh = "cd '" + dir + "' && for x in *; do [ -x \"$x\" ] || continue; echo \"$x $x\"; "
                    + "for p in $(./\"$x\" prereqs); do echo \"$p $x\"; done; done | tsort 2>/dev/null | "
                    + "while read -r s; do [ -f \"$s\" ] && echo \"$s\"; done";
            Process p = new ProcessBuilder("/bin/sh", "-c", sh)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            p.waitFor();
            List<String> expected = out.lines().toList();
            assertThat(scripts().initramfsTools(HookPoint.LOCAL_TOP).stream().map(HookScript::name))
                    .as("round %d: %s", round, made)
                    .containsExactlyElementsOf(expected);
        }
    }
}
