# Root on LUKS2, passphrase typed 30 s after the prompt appears; a data file system (fsckdata:
# 120000 files, so that a check takes seconds under TCG) on a disk of its own, in the
# initrd's fstab (/srv, passno 2), every check forced (fsck.mode=force). systemd orders systemd-fsck@.service after systemd-fsck-root.service,
# which waits for the unlocked root.
# Proves: in the stagehand flavour the generator wrote systemd-fsck@ for fsckdata itself (without
# After=systemd-fsck-root.service), and the initrd journal shows its check finished before the
# passphrase unlocked the root; in the stock flavour the same check finishes only after.
DESCRIPTION="LUKS root, passphrase 30 s late, /srv on its own disk checked while the prompt is open"
DISKS=(luks fsckdata)
CMDLINE="rd.luks.uuid=$LUKS_UUID root=UUID=$LUKS_FS fsck.mode=force e2e.journal"
INITRD_FILES=("/etc/fstab=LABEL=fsckdata /srv ext4 defaults 0 2
")
STEPS=("Please enter passphrase[^\n]*:=><delay=30>$PASSPHRASE\n")
data_fsck='systemd-fsck@dev-disk-by\\x2dlabel-fsckdata\.service'
EXPECT+=("E2E-FACT root-mount: /dev/mapper/luks-$LUKS_UUID / ext4 ")
# the check, its end before the passphrase was typed; its progress kept off the console while
# the prompt was open, and its result on the console after the prompt (from the root wait)
EXPECT_STAGEHAND+=("E2E-GEN generator/$data_fsck\r?\$"
    "E2E-JOURNAL [^\n]*Finished $data_fsck[\\s\\S]*E2E-JOURNAL [^\n]*Password query on \\S+ finished successfully"
    "E2E-JOURNAL [^\n]*fsckdata: fsck [0-9.]+% complete \\(kept off the console: a passphrase is being asked\\)"
    "^(?!E2E-JOURNAL)[^\n]*stagehand: checked /dev/disk/by-label/fsckdata while a passphrase was asked: clean")
# stock: the same check only after the passphrase (and after the root's check)
EXPECT_STOCK+=("E2E-JOURNAL [^\n]*Password query on \\S+ finished successfully[\\s\\S]*E2E-JOURNAL [^\n]*Finished $data_fsck")
unset data_fsck
TIMEOUT=300
