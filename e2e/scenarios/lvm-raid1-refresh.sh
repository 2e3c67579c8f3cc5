# An LVM raid1 LV activated degraded (lvmraid-0 only, rd.stagehand.lvm.timeout=10); right then
# the second PV disk is hot-plugged (PCI, QEMU monitor). rd.break=pre-pivot holds the initrd
# before switch-root: in that shell the harness waits until lvs reports the LV in sync and
# healthy, prints lvs and dmsetup status, then leaves the shell and the boot goes on.
# Proves: a PV that comes back after a degraded activation is taken back in (stagehand-lvm-
# activate@vgraid stays after the degraded activation and runs lvchange --refresh once lvm sees
# every PV; without it the LV runs on one leg, "refresh needed"), the returning leg resyncs, and
# after switch-root both images sit on a disk again (lvs attr R: the LV was made with --nosync).
DESCRIPTION="LVM raid1 LV activated degraded, missing PV hot-plugged afterwards and refreshed back in"
FLAVOURS="stagehand"
DISKS=(lvmraid-0)
LATE_DISKS=(lvmraid-1)
CMDLINE="rd.lvm.lv=$LVR_VG/$LVR_LV root=/dev/$LVR_VG/$LVR_LV rd.stagehand.lvm.timeout=10 rd.break=pre-pivot"
STEPS=("activated $LVR_VG/$LVR_LV degraded \\(policy auto\\)=>$(hotplug_disk lvmraid-1)"
       "$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>for i in \$(seq 40); do s=\$(lvm lvs --noheadings -o copy_percent,lv_health_status $LVR_VG/$LVR_LV 2>/dev/null); case \"\$s\" in *100.00*) case \"\$s\" in *partial*|*refresh*) ;; *) break ;; esac ;; esac; sleep 3; done; lvm lvs --noheadings --separator , -o lv_name,copy_percent,lv_health_status,lv_attr $LVR_VG/$LVR_LV 2>/dev/null | sed 's/^ */E2E-INITRD-LVS /'; dmsetup status | sed 's/^/E2E-INITRD-DMSTATUS /'; exit\n")
EXPECT+=("stagehand: VG $LVR_VG is missing 1 of 2 PVs after 1[0-9]\\.[0-9] s; activated $LVR_VG/$LVR_LV degraded \\(policy auto\\)"
         "stagehand: VG $LVR_VG: all 2 PVs are back [0-9.]+ s after the degraded activation; refreshed $LVR_VG/$LVR_LV"
         "E2E-INITRD-LVS $LVR_LV,100\\.00,,[rR]wi-aor---"
         "E2E-INITRD-DMSTATUS $LVR_VG-$LVR_LV: 0 [0-9]+ raid raid1 2 AA "
         "E2E-FACT root-mount: /dev/mapper/$LVR_VG-$LVR_LV / ext4 "
         "E2E-FACT block: dm-[0-9]+ dm=$LVR_VG-${LVR_LV}_rimage_0 slaves=vd[a-z] "
         "E2E-FACT block: dm-[0-9]+ dm=$LVR_VG-${LVR_LV}_rimage_1 slaves=vd[a-z] ")
REJECT=("Kernel panic" "did not appear within" "PVs are back .* failed \\(exit status")   # rd.break enters dracut's emergency shell on purpose
TIMEOUT=360
