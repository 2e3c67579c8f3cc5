# LUKS2 root, passphrase typed 35 s after the prompt appears; root wait budget
# rd.stagehand.rootwait=20, and rd.timeout=15 (dracut's usual knob) as well.
# Proves: stagehand-rootwait does not count the time a passphrase prompt is open (35 s > 20 s);
# rd.stagehand.rootwait= wins over rd.timeout= for the budget (--budget='20s'); the root device
# has no job timeout of its own: dracut's rootfs-generator writes JobTimeoutSec=15 for it
# (timeout.conf), stagehand's zz-stagehand-rootwait.conf sorts after it and sets infinity, and
# the 15 s never fire ("Timed out waiting for device" would end in emergency mode); the service
# reports on the console how long it waited and how long the prompt was open.
DESCRIPTION="LUKS2, passphrase typed 35 s late, rd.stagehand.rootwait=20 rd.timeout=15"
FLAVOURS="stagehand"
DISKS=(luks)
CMDLINE="rd.luks.uuid=$LUKS_UUID root=UUID=$LUKS_FS rd.stagehand.rootwait=20 rd.timeout=15"
STEPS=("Please enter passphrase[^\n]*:=><delay=35>$PASSPHRASE\n")
EXPECT_STAGEHAND+=("$(crypt_unit_header "$LUKS_UUID")" "$(crypt_unit_exec "$LUKS_UUID" '')")
root_dev_unit="dev-disk-by\\\\x2duuid-${LUKS_FS//-/\\\\x2d}\\.device"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/luks-$LUKS_UUID / ext4 "
         "stagehand: root device /dev/disk/by-uuid/$LUKS_FS is there after [0-9]+\\.[0-9] s \\(and (3[5-9]|[4-9][0-9])\\.[0-9] s of passphrase prompts\\)"
         "E2E-GEN generator/stagehand-rootwait.service: ExecStart=/usr/bin/stagehand rootwait --device='/dev/disk/by-uuid/$LUKS_FS' --budget='20s'"
         "E2E-GEN generator/$root_dev_unit\\.d/timeout\\.conf: JobTimeoutSec=15\r?\$"
         "E2E-GEN generator/$root_dev_unit\\.d/zz-stagehand-rootwait\\.conf: JobTimeoutSec=infinity\r?\$"
         "E2E-GEN generator/$root_dev_unit\\.d/zz-stagehand-rootwait\\.conf: JobRunningTimeoutSec=infinity\r?\$")
unset root_dev_unit
REJECT+=('did not appear within' 'Timed out waiting for device')
TIMEOUT=240
