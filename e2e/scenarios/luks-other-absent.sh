# The initrd's /etc/crypttab (INITRD_FILES) names two LUKS volumes, root=UUID= is the file
# system inside luks-root; the disk of luks-other never appears. Until the root is found either
# volume could hold it, so both are on the root's chain and both sources get
# zz-stagehand-rootwait.conf (no job timeout).
# Proves: when the root wait finds the root it cancels the start job of the source that is not
# there, with one line naming it; systemd-cryptsetup@luks-other fails as "dependency" (and
# cryptsetup.target, which sysinit.target only wants), and the boot goes on. Before, that job
# waited without limit, and sysinit.target with it: "Job dev-disk-by\x2duuid-....device/start
# running (3min 15s / no limit)" (issue 23, first story).
# (crypttab, not rd.luks.uuid=: dracut's parse-crypt.sh makes its initqueue wait for every
# rd.luks.uuid= volume until rd.retry, whatever systemd does; that is dracut's own wait.)
DESCRIPTION="two LUKS volumes in the initrd's crypttab, root inside the one that is there, the other never appears"
FLAVOURS="stagehand"
DISKS=(luks)
INITRD_FILES=("etc/crypttab=luks-root UUID=$LUKS_UUID /etc/luks.key luks
luks-other UUID=$MISSING_LUKS /etc/luks.key luks
")
CMDLINE="root=UUID=$LUKS_FS"
missing_unit="dev-disk-by.x2duuid-${MISSING_LUKS//-/.x2d}\\.device"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/luks-root / ext4 "
         "stagehand: root device /dev/disk/by-uuid/$LUKS_FS is there after "
         "stagehand: stopped waiting for /dev/disk/by-uuid/$MISSING_LUKS \\(encrypted source of luks-other\\): the root is there without it; cancelled start job [0-9]+ of $missing_unit, which had no time limit"
         "E2E-GEN generator/$missing_unit\\.d/zz-stagehand-rootwait\\.conf: JobRunningTimeoutSec=infinity")
unset missing_unit
REJECT+=('did not appear within' 'min [0-9]+s / no limit')
TIMEOUT=240
