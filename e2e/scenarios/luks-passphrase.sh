# LUKS2 unlocked with a passphrase typed on the serial console.
# Proves: systemd-cryptsetup asks on the console, the answer unlocks, root=UUID= mounts.
DESCRIPTION="LUKS2, passphrase typed on serial"
DISKS=(luks)
CMDLINE="rd.luks.uuid=$LUKS_UUID root=UUID=$LUKS_FS"
STEPS=("Please enter passphrase[^\n]*:=>$PASSPHRASE\n")
EXPECT+=("E2E-FACT root-mount: /dev/mapper/luks-$LUKS_UUID / ext4 ")
EXPECT_STAGEHAND+=("$(crypt_unit_header "$LUKS_UUID")" "$(crypt_unit_exec "$LUKS_UUID" '')"
                   "stagehand: root device /dev/disk/by-uuid/$LUKS_FS is there after [0-9.]+ s \\(and [0-9.]+ s of passphrase prompts\\)")
