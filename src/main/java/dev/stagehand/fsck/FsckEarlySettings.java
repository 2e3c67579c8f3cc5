package dev.stagehand.fsck;

import dev.stagehand.config.SettingKeys;
import dev.stagehand.config.StagehandConfig;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Booleans;
import java.util.List;
import java.util.Map;

/**
 * [Fsck] Early= in stagehand.conf and rd.stagehand.fsck.early= (a boolean, default no): also
 * check, in the initrd, the file systems of the host's own fstab (a copy the dracut module
 * installs) on devices independent of the locked ones, so that the check after switch-root
 * finds them clean. The command line wins, its last word first; a value that is no boolean is
 * reported and the setting before it kept.
 */
public record FsckEarlySettings(boolean enabled) {
    static final String SECTION = "Fsck";
    static final String EARLY = "Early";
    static final String CMDLINE = "rd.stagehand.fsck.early";
    public static final SettingKeys KEYS = new SettingKeys(Map.of(SECTION, List.of(EARLY)), List.of(CMDLINE));
    private static final String EXPECTED = "a boolean such as yes or no";

    public static FsckEarlySettings parse(KernelCommandLine cmdline, StagehandConfig config, Log log) {
        boolean enabled = false;
        StagehandConfig.Value c = config.get(SECTION, EARLY);
        if (c != null) {
            Boolean b = Booleans.parse(c.text());
            if (b == null)
                log.warning(
                        c.origin(),
                        EARLY + "= expects " + EXPECTED + ", got \"" + c.text()
                                + "\"; write Early=yes or Early=no; ignored");
            else enabled = b;
        }
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            if (!w.key().equals(CMDLINE)) continue;
            Boolean b = w.value() == null ? Boolean.TRUE : Booleans.parse(w.value());
            if (b == null) {
                log.warning(
                        Origin.cmdline(CMDLINE + "="),
                        "expected " + EXPECTED + ", got \"" + w.value() + "\"; write " + CMDLINE
                                + "=yes or =no; ignored");
                continue;
            }
            enabled = b;
        }
        return new FsckEarlySettings(enabled);
    }
}
