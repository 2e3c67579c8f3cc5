# Root on LUKS2, passphrase typed 30 s after the prompt appears; a data file system (xdata) on
# a disk of its own, in the initrd's fstab (/srv, passno 2), every check forced
# (fsck.mode=force). systemd orders systemd-fsck@.service after systemd-fsck-root.service,
# which waits for the unlocked root.
# Proves: in the stagehand flavour the generator wrote systemd-fsck@ for xdata itself (without
# After=systemd-fsck-root.service), and the initrd journal shows its check finished before the
# passphrase unlocked the root; in the stock flavour the same check finishes only after.
DESCRIPTION="LUKS root, passphrase 30 s late, /srv on its own disk checked while the prompt is open"
DISKS=(luks xdata)
CMDLINE="rd.luks.uuid=$LUKS_UUID root=UUID=$LUKS_FS fsck.mode=force e2e.journal"
INITRD_FILES=("/etc/fstab=/dev/disk/by-uuid/$XDATA_FS /srv ext4 defaults 0 2
")
STEPS=("Please enter passphrase[^\n]*:=><delay=30>$PASSPHRASE\n")
xdata_fsck="systemd-fsck@dev-disk-by\\\\x2duuid-${XDATA_FS//-/\\\\x2d}\\.service"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/luks-$LUKS_UUID / ext4 ")
EXPECT_STAGEHAND+=("E2E-GEN generator/$xdata_fsck\r?\$")
unset xdata_fsck
TIMEOUT=300
