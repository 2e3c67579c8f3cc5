# Two boots on the same RAID1 disks (BOOTS=2: qcow2 overlays kept across the boots).
# Boot 1: only raid-0, root mounted rw: the array starts degraded (stagehand: its policy after
# 10 s; stock: dracut's initqueue timeout, shortened here with rd.retry=30), and raid-0's
# superblock gets a newer event count than raid-1's.
# Boot 2: both disks, the default command line (+ rw). raid-1 is now stale: mdadm --incremental
# starts the array from raid-0 alone as soon as raid-0 is there (its superblock says the array
# works with one member, and count_active() counts only members with the newest event count),
# the kernel kicks a stale member that was attached before the start ("kicking non-fresh"), and
# mdadm -I refuses to add one to the running array ("not adding ... to active array (without
# --run)"). Either way the array runs degraded with both disks present.
# Proves (stagehand): stagehand-md-degraded@ sees the array run degraded and adds the stale
# member back; /proc/mdstat after switch-root shows the recovery (or [2/2] [UU]).
# Stock: the array stays degraded ([2/1] [U_], no recovery) on boot 2.
DESCRIPTION="RAID1 booted degraded, then booted again with both disks: the stale member is added back"
BOOTS=2
TIMEOUT=420
if [ "$BOOT" = 1 ]; then
    DISKS=(raid-0)
    CMDLINE="rd.md.uuid=$RAID_MD root=UUID=$RAID_FS rw rd.stagehand.md.timeout=10"
    [ "$FLAVOUR" = stock ] && CMDLINE+=" rd.retry=30"
    EXPECT+=('E2E-FACT mdstat: .*\[2/1\] \[U_\]' 'E2E-FACT root-mount: /dev/md[0-9]+ / ext4 rw')
else
    DISKS=(raid-0 raid-1)
    CMDLINE="rd.md.uuid=$RAID_MD root=UUID=$RAID_FS rw"
    EXPECT+=('E2E-FACT root-mount: /dev/md[0-9]+ / ext4 rw')
    EXPECT_STOCK+=('E2E-FACT mdstat: .*\[2/1\] \[U_\]')
    EXPECT_STAGEHAND+=("stagehand: [^ ]+ runs with 1 of 2 members"
                       "stagehand: [^ ]+: member /dev/vd[ab] came back; (re-)?added"
                       'E2E-FACT mdstat: .*(recovery|\[2/2\] \[UU\])')
fi
