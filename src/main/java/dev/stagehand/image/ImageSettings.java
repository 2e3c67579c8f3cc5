package dev.stagehand.image;

import dev.stagehand.config.SettingKeys;
import dev.stagehand.config.StagehandConfig;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.DeviceSpecs;
import dev.stagehand.systemd.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The upper layer over a root image (root=image:DEVICE:/PATH): rd.stagehand.overlay= on the kernel
 * command line, else [Image] Overlay= of stagehand.conf, else a tmpfs. dracut's rd.overlay= and
 * rd.live.overlay= are taken where they mean the same (none: a volatile upper layer); their other
 * forms name an overlay file or folder on a device, which is not what stagehand mounts, and get a
 * message that says what to write. The last word of each key wins; a bad value is reported and
 * the next source is used.
 */
public record ImageSettings(Overlay overlay) {
    static final String SECTION = "Image", OVERLAY = "Overlay", CMDLINE = "rd.stagehand.overlay";
    /** [Image] Overlay= and rd.stagehand.overlay=. */
    public static final SettingKeys KEYS = new SettingKeys(Map.of(SECTION, List.of(OVERLAY)), List.of(CMDLINE));

    static final String EXPECTED = "tmpfs, tmpfs:size=SIZE (e.g. tmpfs:size=512m or tmpfs:size=25%), none, or a device "
            + "(UUID=, LABEL=, PARTUUID=, PARTLABEL=, /dev/...)";
    /** tmpfs(5)'s size=: bytes with an optional k, m, g, t, p, e suffix, or a percentage of RAM. */
    private static final Pattern SIZE = Pattern.compile("[0-9]{1,19}[kKmMgGtTpPeE%]?");

    /** What holds the writable layer. */
    public enum Kind {
        TMPFS,
        DEVICE,
        NONE
    }

    /**
     * @param size   tmpfs size= (null: tmpfs's default, half of RAM)
     * @param device the file system of a persistent upper layer, as written (UUID=..., /dev/...)
     * @param origin where it was set
     */
    public record Overlay(Kind kind, String size, String device, Origin origin) {
        static final Overlay DEFAULT =
                new Overlay(Kind.TMPFS, null, null, Origin.builtIn("the default upper layer: tmpfs"));
    }

    /**
     * The settings. The command line's dracut keys are read only when {@code imageRoot}: with
     * another root they belong to dracut (root=live:).
     */
    public static ImageSettings parse(KernelCommandLine cmdline, StagehandConfig config, boolean imageRoot, Log log) {
        Overlay fromConfig = Overlay.DEFAULT;
        StagehandConfig.Value c = config.get(SECTION, OVERLAY);
        if (c != null) { // checked even when the command line wins: a bad file should be noticed
            Overlay o = overlay(c.text(), c.origin());
            if (o != null) fromConfig = o;
            else log.warning(c.origin(), "Overlay= expects " + EXPECTED + ", got \"" + c.text() + "\"; ignored");
        }
        Overlay ours = null, dracut = null;
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            String key = w.key(), value = w.value();
            Origin o = Origin.cmdline(key + "=");
            if (key.equals(CMDLINE)) {
                Overlay v = value == null ? null : overlay(value, o);
                if (v == null)
                    log.warning(o, "expected " + EXPECTED + ", got \"" + (value == null ? "" : value) + "\"; ignored");
                else ours = v;
            } else if (imageRoot && (key.equals("rd.overlay") || key.equals("rd.live.overlay"))) {
                // dracut: none (its default) is a temporary overlay; DEV:PATH an overlay file or folder on DEV
                if (value == null || value.isEmpty() || value.equals("none")) {
                    dracut = new Overlay(Kind.TMPFS, null, null, o);
                } else {
                    log.warning(
                            o,
                            "dracut's form names an overlay file or folder on a device; an image root's upper layer is "
                                    + "a whole file system: write rd.stagehand.overlay=DEVICE (or tmpfs); ignored");
                }
            } else if (imageRoot && (key.startsWith("rd.live.overlay.") || key.startsWith("rd.overlay."))) {
                log.warning(
                        o,
                        "dracut's live-image setting has no meaning for root=image:, whose upper layer "
                                + "rd.stagehand.overlay= sets; ignored");
            }
        }
        return new ImageSettings(ours != null ? ours : dracut != null ? dracut : fromConfig);
    }

    /** One value of rd.stagehand.overlay= or Overlay=, or null if it is none of the forms. */
    static Overlay overlay(String value, Origin o) {
        if (value.equals("none")) return new Overlay(Kind.NONE, null, null, o);
        if (value.equals("tmpfs")) return new Overlay(Kind.TMPFS, null, null, o);
        if (value.startsWith("tmpfs:")) {
            String opt = value.substring("tmpfs:".length());
            if (!opt.startsWith("size=")
                    || !SIZE.matcher(opt.substring("size=".length())).matches()) return null;
            return new Overlay(Kind.TMPFS, opt.substring("size=".length()), null, o);
        }
        if (isDevice(value)) return new Overlay(Kind.DEVICE, null, value, o);
        return null;
    }

    /** A tag or a path below /dev that can name a device. */
    static boolean isDevice(String spec) {
        String below = Paths.startsWith(spec, "/dev/");
        boolean form = DeviceNodes.isTag(spec) || below != null && !below.isEmpty();
        return form && DeviceSpecs.check(spec, DeviceSpecs.Role.FILE_SYSTEM) == null;
    }
}
