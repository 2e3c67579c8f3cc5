# LUKS2 (key file baked into the initrd) holding ext4.
# Proves: rd.luks.uuid + rd.luks.key unlock without a prompt; root=UUID= of the opened fs.
DESCRIPTION="LUKS2 with key file, rd.luks.key=/etc/luks.key"
DISKS=(luks)
CMDLINE="rd.luks.uuid=$LUKS_UUID rd.luks.key=/etc/luks.key root=UUID=$LUKS_FS"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/luks-$LUKS_UUID / ext4 ")
REJECT+=('Please enter passphrase')
EXPECT_STAGEHAND+=("$(crypt_unit_header "$LUKS_UUID")" "$(crypt_unit_exec "$LUKS_UUID" /etc/luks.key)")
