# The root disk is missing at boot (root wait budget 10 s): emergency shell. The disk is then
# plugged in (PCI hot-plug through the QEMU monitor) and the harness types `systemctl default`.
# Proves: after the fix, dracut's usual `systemctl default` continues the boot with
# stagehand's units: the root wait starts again with a fresh budget and finds the disk.
DESCRIPTION="root disk missing -> emergency -> disk plugged in -> systemctl default -> boots"
FLAVOURS="stagehand"
LATE_DISKS=(plain)
CMDLINE="root=UUID=$PLAIN_FS rd.stagehand.rootwait=10"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>$(hotplug_disk plain)"
       "virtio_blk virtio[0-9]+: \\[vda\\]=><delay=3>systemctl default\n")
EXPECT=("stagehand: the root device /dev/disk/by-uuid/$PLAIN_FS did not appear within 1[0-9]\\.[0-9] s\\."
        "stagehand: root device /dev/disk/by-uuid/$PLAIN_FS is there"
        'E2E-FACT root-mount: /dev/vda / ext4 '
        'ROOT-MARKER-OK')
REJECT=('Kernel panic')   # the first pass enters emergency mode on purpose
TIMEOUT=240
