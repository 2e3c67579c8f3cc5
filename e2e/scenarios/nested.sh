# RAID1 -> LUKS2 (key file) -> LVM -> ext4, the whole stack assembled in the initrd.
# Proves: md, crypt and lvm hooks cooperate in order; root=/dev/VG/LV.
DESCRIPTION="RAID1 -> LUKS2 -> LVM -> ext4"
DISKS=(nested-0 nested-1)
CMDLINE="rd.md.uuid=$NEST_MD rd.luks.uuid=$NEST_LUKS rd.luks.key=/etc/luks.key rd.lvm.lv=$NEST_VG/$NEST_LV root=/dev/$NEST_VG/$NEST_LV"
EXPECT+=('E2E-FACT mdstat: .*\[2/2\] \[UU\]' "E2E-FACT block: dm-[0-9]+ dm=luks-$NEST_LUKS slaves=md"
         "E2E-FACT root-mount: /dev/mapper/$NEST_VG-$NEST_LV / ext4 ")
EXPECT_STAGEHAND+=("$(crypt_unit_header "$NEST_LUKS")" "$(crypt_unit_exec "$NEST_LUKS" /etc/luks.key)")
