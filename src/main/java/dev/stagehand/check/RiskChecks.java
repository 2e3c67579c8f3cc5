package dev.stagehand.check;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.MdArray;
import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.input.Environment;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.Paths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Settings that work but are risky: said by `stagehand check`, never by the generator (which
 * does what systemd does with them). Each message ends with what to do instead.
 */
public final class RiskChecks {
    private RiskChecks() {}

    static void run(StorageGraph graph, KernelCommandLine cmdline, Environment env, Log log) {
        boolean hasRoot = false;
        for (StorageNode n : graph.nodes()) {
            if (n instanceof MountPoint m) {
                if (Paths.equal(m.where(), "/sysroot")) hasRoot = true;
                if (Paths.inSet(m.where(), "/sysroot", "/sysusr/usr")
                        && m.options() != null
                        && FstabOptions.has(m.options(), "nofail", "noauto", "x-systemd.automount")) {
                    log.warning(
                            m.origin(),
                            "nofail, noauto and x-systemd.automount do not apply to " + m.where()
                                    + " (it must be mounted for the boot to go on); remove them");
                }
                if (m.has(MountFlag.NOFAIL)
                        && Paths.startsWith(m.where(), "/sysroot") != null
                        && FstabOptions.has(m.options(), "x-initrd.mount")) {
                    log.notice(
                            m.origin(),
                            "nofail on an x-initrd.mount entry: the switch to the real root goes on without "
                                    + m.where() + " if it fails; drop nofail if the root needs it");
                }
            }
            if (n instanceof CryptVolume v) keyFile(v, env, log);
            if (n instanceof MdArray a) mdArray(a, log);
        }
        // with a root= other than "fstab" the root is either mounted, or someone else's (gpt-auto, a
        // network root), or the generator has said what is wrong with it
        if (env.inInitrd()
                && !hasRoot
                && (rootWhat(cmdline) == null || rootWhat(cmdline).equals("fstab"))) {
            log.warning(
                    null,
                    "nothing mounts /sysroot: no root= on the kernel command line and no /sysroot in the "
                            + "initrd's fstab (fine only for gpt-auto or a network root); add root=UUID=...");
        }
    }

    /** The last root= of the kernel command line (not of dracut's files, which systemd does not read), null if none or empty. */
    private static String rootWhat(KernelCommandLine cmdline) {
        String root = null;
        if (cmdline != null) {
            for (KernelCommandLine.Word w : cmdline.words(0))
                if (w.file() == null && w.key().equals("root")) root = w.value();
        }
        return root == null || root.isEmpty() ? null : root;
    }

    /*
     * (An md timeout at least as long as the root wait's budget is no risk: the root wait's
     * budget holds while the array's policy is within its timeout, docs/root-wait.md.)
     */
    private static void mdArray(MdArray a, Log log) {
        if (a.policy() == MdArray.Degraded.NEVER) {
            log.notice(
                    a.origin(),
                    a.label() + " is never started degraded: one missing member stops the boot at the root wait; "
                            + "use Degraded=ask to decide at the console");
        }
    }

    private static void keyFile(CryptVolume v, Environment env, Log log) {
        String k = v.keyFile();
        if (k == null || k.equals("-") || k.equals("none") || v.keyDev() != null || Paths.isDevicePath(k)) return;
        Path p = env.root().host(k);
        if (p == null || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                log.warning(
                        v.origin(),
                        "key file " + k + " of " + v.name() + " can be read by users other than root; " + "chmod 600 "
                                + k);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // cannot tell: say nothing
        }
    }
}
