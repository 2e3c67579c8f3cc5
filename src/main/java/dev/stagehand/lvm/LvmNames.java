package dev.stagehand.lvm;

import java.util.Set;

/** The two device paths of a logical volume, /dev/VG/LV and /dev/mapper/VG-LV, read back. */
public final class LvmNames {
    /** Folders of /dev that are not volume groups. */
    private static final Set<String> NOT_VGS = Set.of("disk", "mapper", "md", "block", "char", "bus", "input", "net",
            "pts", "shm", "snd", "dri", "fd", "mqueue", "hugepages", "cpu", "vfio", "usb", "serial", "dm", "loop",
            "cdrom", "hidraw", "vhost-net", "nvme-subsystem", "bsg", "zram", "ubi", "mtd", "raw", "sg", "tty", "log");

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
