package dev.stagehand.graph;

import dev.stagehand.systemd.FstabOptions;
import java.util.EnumSet;
import java.util.Set;

/** What the options of a mount or swap ask for, as systemd-fstab-generator's MountPointFlags. */
public enum MountFlag {
    NOAUTO,
    NOFAIL,
    AUTOMOUNT,
    MAKEFS,
    GROWFS,
    RW_ONLY,
    PCRFS,
    QUOTA,
    /**
     * Not an fstab option: the partition that holds the root image (root=image:DEVICE:/PATH). Its
     * device is the root's device: initrd-root-device.target and the root wait name it.
     */
    IMAGE_SOURCE,
    /**
     * Not an fstab option: the persistent upper layer of an image root (rd.stagehand.overlay=
     * DEVICE). The root wait waits for its device beside the root's.
     */
    IMAGE_UPPER,
    /**
     * Not an fstab option: the root image's own mount. Its device, with roothash=, is the verity
     * device made from the image (/dev/mapper/root), not the root's device: that is the
     * partition's (IMAGE_SOURCE), even when the image is mounted on /sysroot.
     */
    IMAGE;

    /** fstab_options_to_flags(). */
    public static Set<MountFlag> fromOptions(String options, boolean isSwap) {
        EnumSet<MountFlag> f = EnumSet.noneOf(MountFlag.class);
        if (options == null || options.isEmpty()) return f;
        if (FstabOptions.has(options, "x-systemd.makefs")) f.add(MAKEFS);
        if (FstabOptions.has(options, "x-systemd.growfs")) f.add(GROWFS);
        if (FstabOptions.has(options, "x-systemd.pcrfs")) f.add(PCRFS);
        if (FstabOptions.has(options, "usrquota", "grpquota", "quota", "usrjquota", "grpjquota", "prjquota"))
            f.add(QUOTA);
        if (FstabOptions.yesNo(options, "noauto", "auto")) f.add(NOAUTO);
        if (FstabOptions.yesNo(options, "nofail", "fail")) f.add(NOFAIL);
        if (!isSwap) {
            if (FstabOptions.has(options, "x-systemd.rw-only")) f.add(RW_ONLY);
            if (FstabOptions.has(options, "comment=systemd.automount", "x-systemd.automount")) f.add(AUTOMOUNT);
        }
        return f;
    }
}
