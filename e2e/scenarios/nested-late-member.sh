# Issue 23's second story: RAID1 -> LUKS2 -> LVM -> ext4, one of the two RAID members missing
# and the surviving one (nested-0) plugged in late, rd.stagehand.md.timeout=5
# rd.stagehand.rootwait=15. The md policy's 5 s run out with no member at all ("no member has
# appeared after 5.x s"); the disk is plugged in 6 s after that line; the policy starts the array
# degraded as soon as mdadm -I has taken the member in; LUKS (key file) and the LV follow.
# Proves: the root wait's budget holds while the md policy is within its timeout (the policy's
# state file in /run/stagehand/policy, --policy= on the root wait's command line) and starts
# again when the policy reports the member (news= in its state file: the generator does not
# know members) and when a link of the chain appears (the array, the LUKS source and volume,
# the VG): the root is found, and the console line says what the wait did not count. Before,
# the root wait counted the policy's 5 s (and the boot's time before udev's coldplug) and gave
# up first; the first boot of this scenario without the member news gave up 1.5 s before the
# degraded start, which came 6.6 s after the member (udev's mdadm -I, md-degraded's look, mdadm).
DESCRIPTION="nested RAID1 -> LUKS -> LVM, its one member plugged in late, md timeout 5 s, root wait 15 s"
FLAVOURS="stagehand"
LATE_DISKS=(nested-0)
CMDLINE="rd.md.uuid=$NEST_MD rd.luks.uuid=$NEST_LUKS rd.luks.key=/etc/luks.key rd.lvm.lv=$NEST_VG/$NEST_LV root=/dev/$NEST_VG/$NEST_LV rd.stagehand.md.timeout=5 rd.stagehand.rootwait=15"
# (triggered by the end of md-degraded's line: the harness writes its note into the log where
# the match ends, which would cut the line the EXPECT below looks for)
STEPS=("it starts degraded as soon as one does=><delay=6>$(hotplug_disk nested-0)")
EXPECT+=('E2E-FACT mdstat: .*\[2/1\] \[U_\]' "E2E-FACT root-mount: /dev/mapper/$NEST_VG-$NEST_LV / ext4 "
         "stagehand: [^ ]+: no member has appeared after [5-9]\\.[0-9] s; it starts degraded as soon as one does"
         "stagehand: [^ ]+ is missing 1 of 2 members after [0-9.]+ s; started it degraded \\(policy auto\\)"
         "stagehand: root device /dev/$NEST_VG/$NEST_LV is there after [0-9.]+ s \\(and [0-9]\\.[0-9] s of (md )?[^ ]+'s degraded timeout[^)]*\\); the longest stretch without progress: [0-9.]+ s"
         "E2E-GEN generator/stagehand-rootwait.service: ExecStart=.* --policy='md-${NEST_MD//:/}'")
REJECT+=('did not appear within')
TIMEOUT=300
