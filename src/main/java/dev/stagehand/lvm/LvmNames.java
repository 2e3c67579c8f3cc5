package dev.stagehand.lvm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The two device paths of a logical volume, /dev/VG/LV and /dev/mapper/VG-LV, read back as lvm
 * makes them (libdm's dm_split_lvm_name): each "-" inside the VG or LV name doubled, one single
 * "-" between them. A name with a second single "-" is VG-LV-LAYER, a device of lvm's own
 * (VG-LV-real, VG-pool-tpool), and no LV; so is luks-UUID, systemd's and dracut's name for the
 * LUKS volume of a UUID, whose dashes are single. A device-mapper name of the VG-LV form may
 * still be a crypt volume's (crypttab's crypt-root): see {@link #cryptName}.
 */
public final class LvmNames {
    /**
     * Folders of /dev that are not volume groups: the kernel's and udev's, and those of block
     * drivers that name partitions FOLDER/NAME (cciss, ida, rd (DAC960), i2o, ataraid, etherd).
     */
    private static final Set<String> NOT_VGS = Set.of(
            "disk",
            "mapper",
            "md",
            "block",
            "char",
            "bus",
            "input",
            "net",
            "pts",
            "shm",
            "snd",
            "dri",
            "fd",
            "mqueue",
            "hugepages",
            "cpu",
            "vfio",
            "usb",
            "serial",
            "dm",
            "loop",
            "cdrom",
            "hidraw",
            "vhost-net",
            "nvme-subsystem",
            "bsg",
            "zram",
            "ubi",
            "mtd",
            "raw",
            "sg",
            "tty",
            "log",
            "cciss",
            "ida",
            "rd",
            "i2o",
            "ataraid",
            "etherd",
            "virtio-ports");

    private LvmNames() {}

    /** {vg, lv} of a /dev/VG/LV or /dev/mapper/VG-LV path, or null. */
    public static String[] parse(String path) {
        if (path == null || !path.startsWith("/dev/")) return null;
        String rest = path.substring(5);
        if (rest.startsWith("mapper/")) return mapper(rest.substring(7));
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) return null;
        String vg = rest.substring(0, slash), lv = rest.substring(slash + 1);
        if (NOT_VGS.contains(vg) || !valid(vg) || !valid(lv)) return null;
        return new String[] {vg, lv};
    }

    /**
     * Whether /dev/mapper/NAME is a crypt volume's device rather than VG-LV: NAME is the name of
     * one of {@code cryptNames} (the crypt volumes of the storage graph: crypttab, rd.luks.name=,
     * luks-UUID of rd.luks.uuid=).
     */
    public static boolean cryptName(String path, Collection<String> cryptNames) {
        return path != null
                && path.startsWith("/dev/mapper/")
                && cryptNames.contains(path.substring("/dev/mapper/".length()));
    }

    /** {vg, lv} of a /dev/VG/LV or /dev/mapper/VG-LV path that is no crypt volume's name ({@link #cryptName}), or null. */
    public static String[] parseNotCrypt(String path, Collection<String> cryptNames) {
        return cryptName(path, cryptNames) ? null : parse(path);
    }

    /** VG-LV, unquoted as lvm does: "--" is a "-" inside a name, a single "-" ends the name (a trailing one is kept). */
    static String[] mapper(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' && i + 1 < name.length()) {
                if (name.charAt(i + 1) == '-') {
                    part.append('-');
                    i++;
                } else {
                    parts.add(part.toString());
                    part.setLength(0);
                }
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        // a third part is a layer of lvm's own, no LV to mount
        if (parts.size() != 2 || !valid(parts.get(0)) || !valid(parts.get(1))) return null;
        return new String[] {parts.get(0), parts.get(1)};
    }

    /** {@link #valid}'s rule in words, for messages. */
    public static final String RULE = "letters, digits and + _ . -, not starting with -";

    /** LVM's name rule: letters, digits and + _ . - ; not starting with "-"; not "." or "..". */
    public static boolean valid(String n) {
        if (n.isEmpty() || n.length() > 127 || n.startsWith("-") || n.equals(".") || n.equals("..")) return false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "+_.-".indexOf(c) < 0) return false;
        }
        return true;
    }
}
