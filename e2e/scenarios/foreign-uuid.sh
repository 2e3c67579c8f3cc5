# md RAID1 made on another machine: its superblocks carry homehost "otherhost" (name
# otherhost:froot, lib/setup-disks.sh), which is not this initrd's host name; no mdadm.conf in
# the initrd. mdadm --incremental (dracut's udev rule, for the rd.md.uuid= array) takes it as
# foreign (a name of its own choosing, Incremental.c: trustworthy FOREIGN) but assembles and
# starts it like a local one once both members are there: no AUTO line forbids it.
# Proves: a foreign array named by rd.md.uuid= is assembled complete and the root on it boots,
# in both flavours, with nothing from stagehand's md-degraded but its wait (it finds the array
# running complete and exits).
DESCRIPTION="RAID1 with a foreign homehost, named by rd.md.uuid="
DISKS=(foreign-0 foreign-1)
CMDLINE="rd.md.uuid=$FOREIGN_MD root=UUID=$FOREIGN_FS"
EXPECT+=('E2E-FACT mdstat: md[0-9]+ : active (\(auto-read-only\) )?raid1 ' 'E2E-FACT mdstat: .*\[2/2\] \[UU\]'
         'E2E-FACT root-mount: /dev/md[0-9]+ / ext4 ')
REJECT+=('stagehand: [^ ]+ (is missing|has all)')
TIMEOUT=420
