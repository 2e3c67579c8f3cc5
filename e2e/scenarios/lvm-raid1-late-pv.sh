# An LVM raid1 LV across two PVs whose second PV disk is hot-plugged 3 s after dracut's first
# LVM scan has seen the first one ("VG vgraid is missing PV" on the console).
# Stock: that scan already activated the raid1 LV degraded (lvm's default activation_mode is
# "degraded"); the late PV is not taken back in, and the root runs on one leg.
# Stagehand: dracut's scan refuses the partial LV (the module's activation_mode = "complete");
# the late PV arrives within stagehand-lvm-activate@vgraid's 30 s and the LV is activated
# complete, both legs.
# Proves: why the initrd's lvm must not activate degraded by itself, and that the policy waits.
DESCRIPTION="LVM raid1 LV, second PV hot-plugged shortly after the first LVM scan"
DISKS=(lvmraid-0)
LATE_DISKS=(lvmraid-1)
CMDLINE="rd.lvm.lv=$LVR_VG/$LVR_LV root=/dev/$LVR_VG/$LVR_LV"
STEPS=("VG $LVR_VG is missing PV=><delay=3>$(hotplug_disk lvmraid-1)")
EXPECT+=("E2E-FACT root-mount: /dev/mapper/$LVR_VG-$LVR_LV / ext4 ")
EXPECT_STOCK+=('md/raid1:mdX: active with 1 out of 2 mirrors')
EXPECT_STAGEHAND+=('md/raid1:mdX: active with 2 out of 2 mirrors'
                   "stagehand: VG $LVR_VG: all 2 PVs present, [0-9.]+ s after the first; activated $LVR_VG/$LVR_LV")
[ "${FLAVOUR:-}" = stagehand ] && REJECT+=('active with 1 out of 2 mirrors' 'activated [^ ]+ degraded')
TIMEOUT=300
