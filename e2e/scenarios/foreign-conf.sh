# The foreign RAID1 of foreign-uuid (homehost otherhost), named by an ARRAY line of an
# mdadm.conf put into the initrd for this scenario (INITRD_FILES) that also says
# "AUTO +homehost -all": mdadm --incremental assembles only arrays of this host and those
# mdadm.conf lists (Incremental.c: a matching ARRAY line makes the array local before the AUTO
# test, conf_test_metadata()). rd.auto=1: without it (and without rd.md.uuid=) dracut 059's
# parse-md.sh turns md assembly off (see foreign-conf-only).
# Proves: a foreign array named by mdadm.conf is assembled (as /dev/md/froot, the ARRAY line's
# name) in spite of AUTO -all, in both flavours; stagehand gives it its degraded policy (the
# unit is named after the ARRAY line) without --assemble, as dracut's udev rule assembles it.
DESCRIPTION="RAID1 with a foreign homehost, named by an ARRAY line of mdadm.conf (AUTO -all), rd.auto=1"
DISKS=(foreign-0 foreign-1)
CMDLINE="rd.auto=1 root=UUID=$FOREIGN_FS"
INITRD_FILES=("etc/mdadm.conf=$FOREIGN_MDADM_CONF")
EXPECT+=('E2E-FACT mdstat: md[0-9]+ : active (\(auto-read-only\) )?raid1 ' 'E2E-FACT mdstat: .*\[2/2\] \[UU\]'
         'E2E-FACT root-mount: /dev/md[0-9]+ / ext4 ')
# the mdadm.conf is in the initrd: no kernel complaint about the appended cpio
REJECT+=('Initramfs unpacking failed')
# stagehand read it: a unit for the ARRAY line (without --assemble, rd.auto=1: golden case 231)
EXPECT_STAGEHAND+=("E2E-GEN generator/stagehand-md-degraded@${FOREIGN_MD//:/}\\.service")
