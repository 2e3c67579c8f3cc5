# LVM logical volume holding ext4, root given as /dev/VG/LV.
# Proves: rd.lvm.lv activation and a root= device path (not a tag) work.
DESCRIPTION="LVM, rd.lvm.lv= root=/dev/vg/lv"
DISKS=(lvm)
CMDLINE="rd.lvm.lv=$LVM_VG/$LVM_LV root=/dev/$LVM_VG/$LVM_LV"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/$LVM_VG-$LVM_LV / ext4 ")
