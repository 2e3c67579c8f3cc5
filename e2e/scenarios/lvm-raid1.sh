# An LVM raid1 LV (dm-raid, no md) across two PVs, both present.
# Proves: the complete case. Stagehand: stagehand-lvm-activate@vgraid activates the LV with
# --activationmode complete as soon as lvm sees both PVs (no timeout spent); the kernel's
# dm-raid reports both legs.
DESCRIPTION="LVM raid1 LV over two PVs, both present"
DISKS=(lvmraid-0 lvmraid-1)
CMDLINE="rd.lvm.lv=$LVR_VG/$LVR_LV root=/dev/$LVR_VG/$LVR_LV"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/$LVR_VG-$LVR_LV / ext4 " 'md/raid1:mdX: active with 2 out of 2 mirrors')
EXPECT_STAGEHAND+=("stagehand: VG $LVR_VG: all 2 PVs present, [0-9.]+ s after the first; activated $LVR_VG/$LVR_LV"
                   "E2E-GEN generator/stagehand-rootwait.service: ExecStart=.* --link='/dev/$LVR_VG=VG $LVR_VG active")
REJECT+=('activated [^ ]+ degraded')
