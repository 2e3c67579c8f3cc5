# An empty rd.luks.uuid= (a typo in a boot entry) beside a valid plain root: issue 23's story.
# systemd's cryptsetup generator (252 here, 257 alike) writes systemd-cryptsetup@luks\x2d.service
# bound to /dev/disk/by-uuid/, which no device becomes.
DESCRIPTION="empty rd.luks.uuid= beside root=UUID=: refused by stagehand; stock stalls 90 s"
DISKS=(plain)
CMDLINE="rd.luks.uuid= root=UUID=$PLAIN_FS"
EXPECT+=('E2E-FACT root-mount: /dev/vda / ext4 ')
if [ "$FLAVOUR" = stagehand ]; then
    # Proves: stagehand refuses the word (its message on the console and in the kernel log),
    # writes no unit for it (before issue 23 its root wait drop-in on dev-disk-by\x2duuid.device
    # made that job wait without end) and boots to the root without waiting for it.
    EXPECT_STAGEHAND+=('stagehand-generator\[[0-9]+\]: kernel command line \(rd\.luks\.uuid=\): expected a LUKS UUID \(8-4-4-4-12 hex digits, such as [-0-9a-f]+\), got ""; ignored'
                       'E2E-KMSG .*stagehand-generator\[[0-9]+\]: kernel command line \(rd\.luks\.uuid=\): expected a LUKS UUID')
    REJECT+=('E2E-GEN generator/systemd-cryptsetup@'
             'E2E-GEN generator/[^ ]*by\\x2duuid\.device'
             'Job dev-disk-by\\x2duuid\.device/start')
else
    # Stock (systemd 252): the root is found, then the boot waits for dev-disk-by\x2duuid.device
    # until the default device timeout (1 min 30 s), the cryptsetup unit and cryptsetup.target
    # fail on it, and the boot goes on to the root (2026-12-03: root marker at 103 and 118 s
    # uptime; the stagehand flavour 27 s).
    EXPECT_STOCK+=('Timed out waiting for device .*/dev/disk/by-uuid\.'
                   'Dependency failed for .*Cryptography Setup for luks-\.')
    TIMEOUT=420
fi
