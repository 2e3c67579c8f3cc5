package dev.stagehand.lvm;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The two device paths of a logical volume, /dev/VG/LV and /dev/mapper/VG-LV, read back; and
 * the device-mapper names that have the VG-LV form but belong to LUKS volumes.
 */
public final class LvmNames {
    /**
     * Folders of /dev that are not volume groups: the kernel's and udev's, and those of block
     * drivers that name partitions FOLDER/NAME (cciss, ida, rd (DAC960), i2o, ataraid, etherd).
     */
    private static final Set<String> NOT_VGS = Set.of("disk", "mapper", "md", "block", "char", "bus", "input", "net",
            "pts", "shm", "snd", "dri", "fd", "mqueue", "hugepages", "cpu", "vfio", "usb", "serial", "dm", "loop",
            "cdrom", "hidraw", "vhost-net", "nvme-subsystem", "bsg", "zram", "ubi", "mtd", "raw", "sg", "tty", "log",
            "cciss", "ida", "rd", "i2o", "ataraid", "etherd", "virtio-ports");

    /**
     * luks-UUID: the name systemd-cryptsetup-generator gives the volume of rd.luks.uuid=UUID and
     * dracut's crypt module the LUKS device it finds by its UUID (luks-$ID_FS_UUID).
     */
    private static final Pattern LUKS_UUID = Pattern.compile(
            "luks-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

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
     * Why /dev/mapper/NAME is a LUKS volume and not VG-LV, or null: NAME is the name of one of
     * {@code cryptNames} (the crypt volumes of the storage graph: crypttab, rd.luks.name=,
     * luks-UUID of rd.luks.uuid=), or has the form luks-UUID even when no volume is planned
     * (dracut unlocks under that name too).
     */
    public static String cryptName(String path, Collection<String> cryptNames) {
        if (path == null || !path.startsWith("/dev/mapper/")) return null;
        String name = path.substring("/dev/mapper/".length());
        if (cryptNames.contains(name)) return "is the name of the crypt volume " + name;
        if (LUKS_UUID.matcher(name).matches()) return "has the form luks-UUID, the name systemd and dracut give a LUKS volume";
        return null;
    }

    /** {vg, lv} of a /dev/VG/LV or /dev/mapper/VG-LV path that is no crypt volume's name ({@link #cryptName}), or null. */
    public static String[] parseNotCrypt(String path, Collection<String> cryptNames) {
        return cryptName(path, cryptNames) == null ? parse(path) : null;
    }

    /** "VG-LV" with "--" standing for "-" inside a name; the first single "-" splits. */
    static String[] mapper(String name) {
        StringBuilder vg = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-') {
                vg.append(c);
            } else if (i + 1 < name.length() && name.charAt(i + 1) == '-') {
                vg.append('-');
                i++;
            } else {
                String lv = name.substring(i + 1).replace("--", "-");
                return valid(vg.toString()) && valid(lv) && !lv.isEmpty() ? new String[] {vg.toString(), lv} : null;
            }
        }
        return null;
    }

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
