package dev.stagehand.fsck;

import dev.stagehand.graph.EarlyCheck;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.input.Environment;
import dev.stagehand.input.FstabFile;
import dev.stagehand.input.InputFile;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.DeviceSpecs;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.MountPoints;
import dev.stagehand.systemd.Paths;
import java.io.IOException;

/**
 * The host's own fstab, as the dracut module copies it into the initrd
 * (/etc/stagehand/fstab.host; STAGEHAND_HOST_FSTAB for tests), read for [Fsck] Early=: each
 * entry the host checks (passno not 0) that the initrd does not mount itself becomes an
 * {@link EarlyCheck}. The root (checked by systemd-fsck-root), /usr and x-initrd.mount entries
 * (mounted, and checked, by the initrd once /sysroot/etc/fstab is read), swap, bind and network
 * file systems, and noauto ones (the host does not mount them at boot) are left out.
 */
public final class HostFstab {
    public static final String PATH = "/etc/stagehand/fstab.host";

    private HostFstab() {}

    public static void read(Environment env, Log log, StorageGraph graph) {
        InputFile file = env.input("STAGEHAND_HOST_FSTAB", PATH);
        String text;
        try {
            text = file.read();
        } catch (IOException e) {
            log.warning(Origin.file(file.shownAs()), "cannot read: " + e.getMessage() + "; no early checks");
            return;
        }
        if (text == null) {
            log.notice(
                    Origin.file(file.shownAs()),
                    "[Fsck] Early= is on, but the initrd holds no copy of the host's fstab; "
                            + "no early checks (the dracut module installs it)");
            return;
        }
        for (FstabFile.Entry e : FstabFile.parse(text, file.shownAs(), log)) {
            if (e.passno() <= 0 || "swap".equals(e.type()) || e.where() == null) continue;
            String o = e.options();
            if (Paths.inSet(e.where(), "/", "/usr")
                    || FstabOptions.has(o, "x-initrd.mount", "noauto")
                    || MountPoints.isBind(o, e.type())
                    || MountPoints.isNetwork(e.type(), o)) {
                continue;
            }
            DeviceSpecs.Refusal refused = DeviceSpecs.check(e.what(), DeviceSpecs.Role.FILE_SYSTEM);
            if (refused != null) {
                log.warning(e.origin(), refused.message(e.what()) + "; not checked early");
                continue;
            }
            String what = DeviceNodes.toUdevNode(e.what());
            if (!Paths.isDevicePath(what)) continue;
            graph.add(new EarlyCheck(e.origin(), what, e.where(), e.type(), o));
        }
    }
}
