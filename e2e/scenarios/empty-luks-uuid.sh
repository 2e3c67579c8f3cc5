# An empty rd.luks.uuid= (a typo in a boot entry) beside a valid plain root: issue 23's story.
# systemd's cryptsetup generator (252 here, 257 alike) writes systemd-cryptsetup@luks\x2d.service
# bound to /dev/disk/by-uuid/, which no device becomes; with stagehand before issue 23 the boot
# then waited without end. Proves: stagehand refuses the word (its message is on the console and
# in the kernel log), writes no unit for it and boots to the root.
# Stagehand only: the stock initrd's outcome is not part of `make check` (see e2e/README.md).
DESCRIPTION="empty rd.luks.uuid= beside root=UUID=: refused with a message, boots"
FLAVOURS="stagehand"
DISKS=(plain)
CMDLINE="rd.luks.uuid= root=UUID=$PLAIN_FS"
EXPECT+=('E2E-FACT root-mount: /dev/vda / ext4 '
         'stagehand-generator\[[0-9]+\]: kernel command line \(rd\.luks\.uuid=\): expected a LUKS UUID \(8-4-4-4-12 hex digits, such as [-0-9a-f]+\), got ""; ignored'
         'E2E-KMSG .*stagehand-generator\[[0-9]+\]: kernel command line \(rd\.luks\.uuid=\): expected a LUKS UUID')
REJECT+=('E2E-GEN generator/systemd-cryptsetup@'
         'E2E-GEN generator/[^ ]*by\\x2duuid\.device'
         'dev-disk-by\\x2duuid\.device')
