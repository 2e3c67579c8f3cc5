# root=UUID= of the file system inside one of two LUKS volumes named by rd.luks.uuid=; the other
# volume's disk never appears. Until the root is found either volume could hold it, so both are
# on the root's chain and both sources get zz-stagehand-rootwait.conf (no job timeout).
# Proves: when the root wait finds the root it cancels the start job of the source that is not
# there, with one line naming it, and the boot goes on (systemd-cryptsetup@ of that volume fails
# as "dependency"). Before, that job waited without limit and with it cryptsetup.target and
# sysinit.target: "Job dev-disk-by\x2duuid-....device/start running (3min 15s / no limit)"
# (issue 23, first story).
DESCRIPTION="two rd.luks.uuid=, root inside the one that is there, the other never appears"
FLAVOURS="stagehand"
DISKS=(luks)
CMDLINE="rd.luks.uuid=$LUKS_UUID rd.luks.uuid=$MISSING_LUKS rd.luks.key=/etc/luks.key root=UUID=$LUKS_FS"
missing_unit="dev-disk-by.x2duuid-${MISSING_LUKS//-/.x2d}\\.device"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/luks-$LUKS_UUID / ext4 "
         "stagehand: root device /dev/disk/by-uuid/$LUKS_FS is there after "
         "stagehand: stopped waiting for /dev/disk/by-uuid/$MISSING_LUKS \\(encrypted source of luks-$MISSING_LUKS\\): the root is there without it; cancelled start job [0-9]+ of $missing_unit, which had no time limit"
         "E2E-GEN generator/$missing_unit\\.d/zz-stagehand-rootwait\\.conf: JobRunningTimeoutSec=infinity")
unset missing_unit
REJECT+=('did not appear within' 'min [0-9]+s / no limit')
TIMEOUT=240
