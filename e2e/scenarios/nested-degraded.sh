# RAID1 -> LUKS2 -> LVM -> ext4 with one of the two RAID members missing (nested-0 only).
# Proves: the md degraded policy (auto, 30 s) starts the array, and the rest of the stack
# (the LUKS volume on it, opened with the key file; the LV on that) follows to the root; the
# root wait, which names md, LUKS and the LV in its chain, does not give up meanwhile.
DESCRIPTION="nested RAID1 -> LUKS -> LVM with one RAID member missing"
FLAVOURS="stagehand"
DISKS=(nested-0)
CMDLINE="rd.md.uuid=$NEST_MD rd.luks.uuid=$NEST_LUKS rd.luks.key=/etc/luks.key rd.lvm.lv=$NEST_VG/$NEST_LV root=/dev/$NEST_VG/$NEST_LV"
EXPECT+=('E2E-FACT mdstat: .*\[2/1\] \[U_\]' "E2E-FACT block: dm-[0-9]+ dm=luks-$NEST_LUKS slaves=md"
         "E2E-FACT root-mount: /dev/mapper/$NEST_VG-$NEST_LV / ext4 "
         "stagehand: [^ ]+ is missing 1 of 2 members after 3[0-9]\\.[0-9] s; started it degraded \\(policy auto\\)"
         "E2E-GEN generator/stagehand-rootwait.service: ExecStart=.* --link='/dev/disk/by-id/md-uuid-[^']*' --link='/dev/disk/by-uuid/$NEST_LUKS=encrypted source of luks-$NEST_LUKS' --link='/dev/mapper/luks-$NEST_LUKS=luks-$NEST_LUKS unlocked'")
REJECT+=('did not appear within')
TIMEOUT=240
