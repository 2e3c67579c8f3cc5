package dev.stagehand.fstab;

import dev.stagehand.graph.MountFlag;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.FstabOptions;
import java.util.EnumSet;

/** Root and /usr must be mounted: noauto, nofail and x-systemd.automount do not apply to them. */
final class MandatoryMounts {
    private MandatoryMounts() {}

    /** mandatory_mount_drop_unapplicable_options(): clears the flags, returns the options without them. */
    static String dropInapplicableOptions(EnumSet<MountFlag> flags, String where, String options, Log log, Origin o) {
        if (!flags.contains(MountFlag.NOAUTO)
                && !flags.contains(MountFlag.NOFAIL)
                && !flags.contains(MountFlag.AUTOMOUNT)) {
            return options;
        }
        log.debug(o, "mount " + where + " is mandatory, ignoring noauto, nofail and x-systemd.automount");
        flags.remove(MountFlag.NOAUTO);
        flags.remove(MountFlag.NOFAIL);
        flags.remove(MountFlag.AUTOMOUNT);
        return FstabOptions.filter(options, false, "noauto", "nofail", "x-systemd.automount")
                .rest();
    }
}
