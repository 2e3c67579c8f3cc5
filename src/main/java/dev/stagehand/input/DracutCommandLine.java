package dev.stagehand.input;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dracut's command line: the words of /etc/cmdline.d/*.conf and /etc/cmdline, then the kernel's,
 * then (dracut-ng) /run/initramfs/cmdline.d/*.conf and /etc/kernel/cmdline (dracut-lib.sh
 * getcmdline; its getarg takes the last word of a key, so later ones win). A
 * host-only dracut initrd keeps there what it found on the build host: rd.md.uuid= of the
 * root's arrays (90mdraid, hostonly_cmdline), rd.lvm.lv= of its LVs (90lvm). stagehand reads
 * them for what it takes over from dracut's parse-md.sh and parse-lvm.sh (md arrays, LVM), so
 * that it knows the arrays dracut assembles and does not assemble them a second time. Not for
 * root=, rd.luks.* and the rest: systemd's generators read only /proc/cmdline, and so do
 * stagehand's fstab and cryptsetup parts (dracut's own rootfs-generator reads these files).
 */
public final class DracutCommandLine {
    static final String DIR = "/etc/cmdline.d";
    static final String FILE = "/etc/cmdline";
    /** dracut-ng reads these two after /proc/cmdline ("ordered last for boot-time precedence"). */
    static final String RUN_DIR = "/run/initramfs/cmdline.d";

    static final String KERNEL_FILE = "/etc/kernel/cmdline";
    /** A line longer than this is not a command line (the kernel's own limit is 2048 to 64 KiB by architecture). */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private DracutCommandLine() {}

    /** {@code cmdline} after the words of dracut's files; {@code cmdline} itself outside the initrd or without the files. */
    public static KernelCommandLine extend(KernelCommandLine cmdline, Environment env, Log log) {
        if (!env.inInitrd()) return cmdline;
        List<String> before = new ArrayList<>(), after = new ArrayList<>();
        List<Origin> beforeOrigins = new ArrayList<>(), afterOrigins = new ArrayList<>();
        for (String f : files(env.root(), DIR, log)) read(env.root(), f, before, beforeOrigins, log);
        read(env.root(), FILE, before, beforeOrigins, log);
        // dracut-ng: what its hooks wrote at boot, then /etc/kernel/cmdline, after the kernel's
        for (String f : files(env.root(), RUN_DIR, log)) read(env.root(), f, after, afterOrigins, log);
        read(env.root(), KERNEL_FILE, after, afterOrigins, log);
        return before.isEmpty() && after.isEmpty()
                ? cmdline
                : cmdline.between(before, beforeOrigins, after, afterOrigins);
    }

    /** The *.conf files of /etc/cmdline.d in the order of the shell's glob (byte order in the C locale). */
    private static List<String> files(Root root, String folder, Log log) {
        List<String> out = new ArrayList<>();
        Path dir = root.host(folder);
        if (dir == null || !Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.conf")) {
            for (Path p : ds) out.add(p.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            log.warning(Origin.file(folder), "cannot list the folder: " + e.getMessage() + "; its files are not read");
            return List.of();
        }
        out.sort(null);
        List<String> paths = new ArrayList<>();
        for (String n : out) paths.add(folder + "/" + n);
        return paths;
    }

    private static void read(Root root, String file, List<String> words, List<Origin> origins, Log log) {
        String text;
        try {
            Path p = root.host(file);
            if (p == null || !Files.isRegularFile(p)) return;
            if (Files.size(p) > MAX_FILE_BYTES) {
                log.warning(
                        Origin.file(file), "larger than " + MAX_FILE_BYTES + " bytes, not a command line; not read");
                return;
            }
            text = root.read(file);
        } catch (IOException | RuntimeException e) {
            log.warning(Origin.file(file), "cannot read: " + e.getMessage() + "; not read");
            return;
        }
        if (text == null) return;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.indexOf('\0') >= 0) {
                log.warning(
                        Origin.fileLine(file, i + 1),
                        "expected kernel command line words, got a NUL byte; line skipped");
                continue;
            }
            for (String w : KernelCommandLine.split(line)) {
                words.add(w);
                origins.add(Origin.fileLine(file, i + 1));
            }
        }
    }
}
