package dev.stagehand.graph;

import dev.stagehand.log.Origin;

/**
 * A logical volume the initrd activates: named by rd.lvm.lv=VG/LV, or the root device when
 * root= is /dev/VG/LV or /dev/mapper/VG-LV (both forms are this one node). LVM finds its
 * physical volumes by scanning, so the graph knows what the LV is, not what it lies on.
 */
public record LvmVolume(Origin origin, String vg, String lv) implements StorageNode {
    /** device-mapper's name: VG-LV with each "-" inside a name doubled. */
    public String mapperPath() {
        return "/dev/mapper/" + vg.replace("-", "--") + "-" + lv.replace("-", "--");
    }

    /** The link udev makes from LVM's metadata. */
    public String vgPath() {
        return "/dev/" + vg + "/" + lv;
    }

    public String label() {
        return vg + "/" + lv;
    }
}
