# An LVM raid1 LV across two PVs with one PV disk missing, degraded policy never
# (rd.stagehand.lvm.degraded=never, timeout 10 s), root wait budget 45 s.
# Proves: policy never activates nothing degraded (dracut's first scan does not either: the
# module's activation_mode = "complete"); the activation unit says so after its timeout, and
# the root wait gives up naming the volume group with its policy as the first missing link;
# emergency mode (driven like rootwait-missing-root).
DESCRIPTION="LVM raid1 LV, one of two PVs missing, policy never -> root wait names the VG"
FLAVOURS="stagehand"
DISKS=(lvmraid-0)
CMDLINE="rd.lvm.lv=$LVR_VG/$LVR_LV root=/dev/$LVR_VG/$LVR_LV rd.stagehand.lvm.degraded=never rd.stagehand.lvm.timeout=10 rd.stagehand.rootwait=45"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>$(rootwait_report)\n")
EXPECT=("stagehand: VG $LVR_VG is missing 1 of 2 PVs after 1[0-9]\\.[0-9] s; not activated degraded \\(policy never\\)"
        "stagehand: the root device /dev/$LVR_VG/$LVR_LV did not appear within 4[5-9]\\.[0-9] s"
        "stagehand:   MISSING  /dev/$LVR_VG \\(VG $LVR_VG active \\(missing PVs: never activated degraded\\)\\)  <- the first missing link"
        "stagehand:   MISSING  /dev/$LVR_VG/$LVR_LV \\(the root file system\\)\r?$"
        'stagehand: going to emergency mode\.'
        'EMERG-FAILED .*stagehand-rootwait\.service +loaded failed failed'
        'EMERG-SHELL-42')
EXPECT_STAGEHAND=()
REJECT=('ROOT-MARKER-OK' 'Kernel panic' 'out of 2 mirrors' 'activated [^ ]+ degraded')
DONE='EMERG-SHELL-42'
TIMEOUT=240
