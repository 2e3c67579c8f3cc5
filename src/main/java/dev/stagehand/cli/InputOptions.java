package dev.stagehand.cli;

import dev.stagehand.input.Environment;
import dev.stagehand.input.ProcessEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where check and explain read the generator's inputs from: the live system, or what is given. */
public final class InputOptions {
    @Option(names = "--root", paramLabel = "DIR", description = "read every input below DIR (as $STAGEHAND_ROOT)")
    Path root;

    @Option(
            names = "--cmdline",
            paramLabel = "TEXT",
            description = "the kernel command line (instead of /proc/cmdline)")
    String cmdline;

    @Option(names = "--fstab", paramLabel = "FILE", description = "the initrd's fstab (instead of /etc/fstab)")
    Path fstab;

    @Option(
            names = "--sysroot-fstab",
            paramLabel = "FILE",
            description = "the real root's fstab (instead of /sysroot/etc/fstab)")
    Path sysrootFstab;

    @Option(names = "--crypttab", paramLabel = "FILE", description = "crypttab (instead of /etc/crypttab)")
    Path crypttab;

    @Option(
            names = "--initrd",
            negatable = true,
            description = "as in the initrd (default: as the system is, i.e. /etc/initrd-release)")
    Boolean initrd;

    /**
     * The first input these options (or $STAGEHAND_ROOT) name that does not exist, as a message,
     * or null. The generator reads a missing file as empty; a command that was told which file
     * to read must not pass a file it never saw.
     */
    String missingInput() {
        String r = root != null ? root.toString() : ProcessEnvironment.read().get("STAGEHAND_ROOT");
        String rootName = root != null ? "--root" : "STAGEHAND_ROOT";
        if (r != null && !r.isEmpty() && !Files.isDirectory(Path.of(r))) {
            return rootName + " " + r + ": no such folder (it stands for \"/\": every input is read below it)";
        }
        for (Object[] o :
                new Object[][] {{"--fstab", fstab}, {"--sysroot-fstab", sysrootFstab}, {"--crypttab", crypttab}}) {
            Path p = (Path) o[1];
            if (p != null && !Files.exists(p)) return o[0] + " " + p + ": no such file";
            if (p != null && Files.isDirectory(p)) return o[0] + " " + p + ": a folder, expected a file";
        }
        return null;
    }

    /** The process environment with these choices applied, as systemd's own test variables. */
    Environment environment() {
        Map<String, String> env = new HashMap<>(ProcessEnvironment.read());
        if (root != null) env.put("STAGEHAND_ROOT", root.toString());
        if (cmdline != null) env.put("SYSTEMD_PROC_CMDLINE", cmdline);
        if (fstab != null) env.put("SYSTEMD_FSTAB", fstab.toString());
        if (sysrootFstab != null) env.put("SYSTEMD_SYSROOT_FSTAB", sysrootFstab.toString());
        if (crypttab != null) env.put("SYSTEMD_CRYPTTAB", crypttab.toString());
        if (initrd != null) env.put("SYSTEMD_IN_INITRD", initrd ? "1" : "0");
        return new Environment(env);
    }
}
