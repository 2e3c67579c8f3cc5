package dev.stagehand.rootwait;

import dev.stagehand.config.SettingKeys;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.locate.Locate;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Booleans;
import java.util.List;
import java.util.Map;

/**
 * rd.stagehand.locate= (a boolean, default yes): whether the generator writes
 * stagehand-locate.service for a root named by PARTLABEL=/PARTUUID=. "no" leaves finding it to
 * udev alone, as systemd does (and lets a boot be timed without the early look). The last word
 * wins; a value that is no boolean is reported and ignored. rd.stagehand.root.hint=/dev/DISK (the
 * last good one wins): the disk the root's partition is looked for on first (docs/locate.md).
 */
public record LocateSettings(boolean enabled, String hint) {
    static final String CMDLINE = "rd.stagehand.locate";
    static final String HINT = "rd.stagehand.root.hint";
    public static final SettingKeys KEYS = new SettingKeys(Map.of(), List.of(CMDLINE, HINT));

    public static LocateSettings parse(KernelCommandLine cmdline, Log log) {
        boolean enabled = true;
        String hint = null;
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            if (w.key().equals(HINT)) {
                String disk = w.value() == null ? null : Locate.hintDisk(w.value());
                if (disk == null) {
                    log.warning(
                            Origin.cmdline(HINT + "="),
                            "expected the root's disk such as /dev/nvme0n1, got "
                                    + (w.value() == null ? "nothing" : "\"" + w.value() + "\"") + "; ignored");
                } else {
                    hint = "/dev/" + disk;
                }
                continue;
            }
            if (!w.key().equals(CMDLINE)) continue;
            Boolean b = w.value() == null ? Boolean.TRUE : Booleans.parse(w.value());
            if (b == null) {
                log.warning(
                        Origin.cmdline(CMDLINE + "="),
                        "expected a boolean such as yes or no, got \"" + w.value() + "\"; ignored");
                continue;
            }
            enabled = b;
        }
        return new LocateSettings(enabled, hint);
    }
}
