# An LVM raid1 LV across two PVs with one PV disk missing (only lvmraid-0 attached).
# Stock: dracut's lvm_scan runs lvchange -ay at the first settled initqueue pass; lvm's
# activation_mode defaults to "degraded" (the e2e initrd has no lvm.conf), so the raid1 LV is
# activated degraded at once, without waiting for the second PV at all.
# Stagehand: the dracut module sets activation_mode = "complete" in the initrd's lvmlocal.conf,
# so dracut's scan refuses the partial LV; stagehand-lvm-activate@vgraid activates it with
# --activationmode degraded 30 s (its default) after the first PV appeared (policy auto).
# Proves: a degraded raid1 LV root boots after the timeout, and the root wait names the VG.
DESCRIPTION="LVM raid1 LV, one of two PVs missing, degraded policy auto (default)"
DISKS=(lvmraid-0)
CMDLINE="rd.lvm.lv=$LVR_VG/$LVR_LV root=/dev/$LVR_VG/$LVR_LV"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/$LVR_VG-$LVR_LV / ext4 " 'md/raid1:mdX: active with 1 out of 2 mirrors')
EXPECT_STAGEHAND+=("stagehand: VG $LVR_VG is missing 1 of 2 PVs after 3[0-9]\\.[0-9] s; activated $LVR_VG/$LVR_LV degraded \\(policy auto\\)"
                   "E2E-GEN generator/stagehand-rootwait.service: ExecStart=.* --link='/dev/$LVR_VG=VG $LVR_VG active \\(missing PVs: degraded 30s after the first PV\\)'")
TIMEOUT=300
