package dev.stagehand.check;

import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.graph.SwapArea;
import dev.stagehand.input.Environment;
import dev.stagehand.input.FstabFile;
import dev.stagehand.input.InputFile;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.Spelling;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * x-systemd.* and x-initrd.* options systemd does not know. systemd passes them over and
 * mount(8) ignores every x-* option, so a misspelt one silently does nothing (a device timeout
 * that never applies, an initrd mount that never happens). Every line of the fstab files is
 * looked at, also the lines of /sysroot/etc/fstab the initrd skips (a misspelt x-initrd.mount
 * is exactly why a line is skipped), and the option lists of the command line.
 */
final class OptionNames {
    /** A crypttab option that has no meaning in fstab, and what fstab has instead. */
    private static final String CRYPTTAB_ATTACH = "x-initrd.attach";

    private final Log log;
    private final Set<String> said = new HashSet<>(); // one finding per place and option

    OptionNames(Log log) {
        this.log = log;
    }

    void check(Environment env, KernelCommandLine cmdline, StorageGraph graph) {
        file(env.input("SYSTEMD_FSTAB", "/etc/fstab"));
        if (env.inInitrd()) file(env.input("SYSTEMD_SYSROOT_FSTAB", "/sysroot/etc/fstab"));
        if (cmdline != null) {
            for (KernelCommandLine.Word w : cmdline.words(0)) {
                if (w.file() != null || w.value() == null)
                    continue; // dracut's files: only md and LVM words count there
                if (w.key().equals("rootflags") || w.key().equals("mount.usrflags"))
                    options(w.value(), w.origin(w.key() + "="));
            }
        }
        // systemd.mount-extra= and swap-extra=: their options as the graph holds them
        for (StorageNode n : graph.nodes()) {
            Origin o = n instanceof MountPoint m ? m.origin() : n instanceof SwapArea s ? s.origin() : null;
            if (o == null
                    || !"/proc/cmdline".equals(o.file())
                    || "root=".equals(o.detail())
                    || "mount.usr=".equals(o.detail())) continue;
            options(n instanceof MountPoint m ? m.options() : ((SwapArea) n).options(), o);
        }
    }

    private void file(InputFile f) {
        String text;
        try {
            text = f.read();
        } catch (IOException e) {
            return; // the generator has said so
        }
        if (text == null) return;
        // the generator has reported the lines it cannot read: not again
        for (FstabFile.Entry e : FstabFile.parse(text, f.shownAs(), Log.silent())) options(e.options(), e.origin());
    }

    private void options(String opts, Origin o) {
        for (String opt : FstabOptions.split(opts)) {
            int eq = opt.indexOf('=');
            String name = eq < 0 ? opt : opt.substring(0, eq);
            if (!name.startsWith("x-systemd.") && !name.startsWith("x-initrd.")) continue;
            if (FstabOptions.SYSTEMD_OPTIONS.contains(name) || !said.add(o + "\0" + name)) continue;
            if (name.equals(CRYPTTAB_ATTACH)) {
                log.warning(
                        o,
                        "x-initrd.attach is a crypttab option; in fstab it does nothing",
                        "write x-initrd.mount to mount this file system in the initrd");
                continue;
            }
            String guess = Spelling.didYouMean(name, FstabOptions.SYSTEMD_OPTIONS, eq < 0 ? "" : "=");
            log.warning(
                    o,
                    "unknown option " + name
                            + ": systemd 257 does not know it and mount ignores x-* options, so it does nothing",
                    guess != null ? guess : "see systemd.mount(5) for the x-systemd.* options");
        }
    }
}
