package dev.stagehand.runtime.retry;

/**
 * dracut's initqueue waits for a device: one "finished" hook per device,
 * {@code /lib/dracut/hooks/initqueue/finished/devexists-NAME.sh}, and dracut-initqueue.service
 * loops until every finished hook passes (or rd.retry= runs out). Whoever writes such a hook
 * writes it only when the file is not there yet: dracut-ng's cmdline hook
 * {@code 98dracut-systemd/parse-root.sh} (run by dracut-cmdline.service, so again by every
 * isolate of initrd.target after emergency mode, which that service conflicts with),
 * dracut 059's and dracut-ng's rootfs generator, and dracut-lib's {@code wait_for_dev}.
 * So a wait that must end is not deleted but replaced with a hook that passes: deleted, the
 * next run of one of them would write it again for the root= on /proc/cmdline.
 */
public final class DracutDeviceWaits {
    /** Where dracut keeps the hooks ({@code /lib/dracut/hooks} is a link in dracut-ng's initrds). */
    public static final String FINISHED = "/lib/dracut/hooks/initqueue/finished";

    /** The text of a wait that is over: it passes at once, so the initqueue may finish. */
    public static final String OVER =
            "# stagehand retry: root= was changed, so this wait is over. The file stays (as a wait\n"
                    + "# that passes) so that dracut's hooks, which write it only when it is not there, leave it.\n"
                    + ":\n";

    private static final String PREFIX = "devexists-";
    private static final String SUFFIX = ".sh";

    private DracutDeviceWaits() {}

    /** The hook's file name for {@code device}: dracut's str_replace of every "/" by "\x2f". */
    public static String hookName(String device) {
        return PREFIX + device.replace("/", "\\x2f") + SUFFIX;
    }

    /** The device a hook file waits for, or null when {@code fileName} is not a device wait. */
    public static String deviceOf(String fileName) {
        if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX)) return null;
        return fileName.substring(PREFIX.length(), fileName.length() - SUFFIX.length())
                .replace("\\x2f", "/");
    }

    /**
     * The device dracut waits for when the kernel command line says root={@code value}, as
     * parse-root.sh names it (label_uuid_to_dev for tags, a /dev path as written), or null
     * when dracut does not wait for a device for it (root=image:..., tmpfs, /dev/nfs, ...).
     */
    public static String rootDevice(String value) {
        if (value == null) return null;
        String bare = value.startsWith("block:") ? value.substring("block:".length()) : value;
        if (bare.startsWith("LABEL=")) return "/dev/disk/by-label/" + escapeLabel(bare.substring("LABEL=".length()));
        if (bare.startsWith("PARTLABEL="))
            return "/dev/disk/by-partlabel/" + escapeLabel(bare.substring("PARTLABEL=".length()));
        if (bare.startsWith("UUID=")) return "/dev/disk/by-uuid/" + bare.substring("UUID=".length());
        if (bare.startsWith("PARTUUID=")) return "/dev/disk/by-partuuid/" + bare.substring("PARTUUID=".length());
        if (bare.equals("/dev/nfs") || bare.equals("/dev/root")) return null;
        return bare.startsWith("/dev/") ? value : null;
    }

    /** label_uuid_to_dev's sed: "/" to \x2f, " " to \x20, nothing else. */
    private static String escapeLabel(String label) {
        return label.replace("/", "\\x2f").replace(" ", "\\x20");
    }
}
