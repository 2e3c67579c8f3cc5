package dev.stagehand.fsck;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole disk a device path names, where its name alone says it: /dev/vda3 lies on vda,
 * /dev/nvme0n1p2 on nvme0n1, /dev/disk/by-path/X-part2 and /dev/disk/by-id/X-part2 on X. A
 * UUID=, LABEL= or PARTUUID= link says nothing about its disk: null.
 */
final class DiskNames {
    // sda3, vdb1, xvda2, hda1: letters then the partition number
    private static final Pattern SCSI_LIKE = Pattern.compile("((?:s|v|xv|h)d[a-z]+)[0-9]*");
    // nvme0n1p2, mmcblk0p1, loop0p1: the disk ends in a digit, so the partition is "pN"
    private static final Pattern NUMBERED =
            Pattern.compile("((?:nvme[0-9]+n[0-9]+|mmcblk[0-9]+|loop[0-9]+))(?:p[0-9]+)?");
    private static final Pattern PART_SUFFIX = Pattern.compile("(.+)-part[0-9]+");

    private DiskNames() {}

    /** A key for the whole disk of {@code device}, or null when the path does not show it. */
    static String diskOf(String device) {
        if (device == null) return null;
        String rest;
        if ((rest = after(device, "/dev/disk/by-path/")) != null
                || (rest = after(device, "/dev/disk/by-id/")) != null) {
            Matcher m = PART_SUFFIX.matcher(rest);
            String prefix = device.substring(0, device.length() - rest.length());
            return prefix + (m.matches() ? m.group(1) : rest);
        }
        rest = after(device, "/dev/");
        if (rest == null || rest.indexOf('/') >= 0) return null;
        Matcher m = SCSI_LIKE.matcher(rest);
        if (m.matches()) return "/dev/" + m.group(1);
        m = NUMBERED.matcher(rest);
        if (m.matches()) return "/dev/" + m.group(1);
        return null;
    }

    private static String after(String s, String prefix) {
        return s.startsWith(prefix) && s.length() > prefix.length() ? s.substring(prefix.length()) : null;
    }
}
