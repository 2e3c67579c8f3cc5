# The volume group vgraid (rd.lvm.vg=: all its LVs) holds the raid1 root LV over both PVs and a
# linear LV (data) on the second PV alone. Only the first PV disk is there at boot: after 10 s
# stagehand-lvm-activate@vgraid activates the group degraded, and lvm brings up the raid1 LV
# on one leg but refuses the linear LV (degraded mode activates only RAID LVs). Right then the
# second PV disk is hot-plugged (PCI, QEMU monitor). rd.break=pre-pivot holds the initrd: in that
# shell the harness waits until data is active, then prints lvs and leaves the shell.
# Proves: what degraded mode left inactive is activated when its PV comes back (the unit runs a
# complete activation before the refresh); dracut's own scan does not run any more then (its
# initqueue ended with the root device), so without it data stays inactive until switch-root.
DESCRIPTION="LVM group activated degraded, a linear LV on the missing PV activated when the PV is hot-plugged"
FLAVOURS="stagehand"
DISKS=(lvmraid-0)
LATE_DISKS=(lvmraid-1)
CMDLINE="rd.lvm.vg=$LVR_VG root=/dev/$LVR_VG/$LVR_LV rd.stagehand.lvm.timeout=10 rd.break=pre-pivot"
STEPS=("stagehand: VG $LVR_VG is missing 1 of 2 PVs after|stagehand: VG $LVR_VG: the LVs lvm could not activate degraded=>$(hotplug_disk lvmraid-1)"
       "$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>for i in \$(seq 40); do lvm lvs --noheadings -o lv_attr $LVR_VG/$LVR_LINEAR 2>/dev/null | grep -q '^ *....a' && break; sleep 3; done; lvm lvs --noheadings --separator , -o lv_name,lv_attr $LVR_VG 2>/dev/null | sed 's/^ */E2E-INITRD-LVS /'; exit\n")
EXPECT+=("stagehand: VG $LVR_VG: all 2 PVs are back [0-9.]+ s after the degraded activation; refreshed its LVs"
         "E2E-INITRD-LVS $LVR_LINEAR,-wi-a-----"
         "E2E-INITRD-LVS $LVR_LV,[rR]wi-aor"
         "E2E-FACT root-mount: /dev/mapper/$LVR_VG-$LVR_LV / ext4 ")
REJECT=("Kernel panic" "did not appear within" "PVs are back .* failed \\(exit status")   # rd.break enters dracut's emergency shell on purpose
TIMEOUT=360
