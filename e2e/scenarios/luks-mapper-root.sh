# LUKS2 (key file baked into the initrd) holding ext4, root named by its device-mapper path as
# Fedora's installer writes it: root=/dev/mapper/luks-UUID. The initrd has dracut's lvm module.
# Proves: a plain LUKS root whose name has dashes is no LVM volume: no stagehand-lvm-activate@
# unit, no "VG luks" in the root wait's chain (the chain is the encrypted source, then the root).
DESCRIPTION="LUKS2 root named root=/dev/mapper/luks-UUID, no LVM invented"
DISKS=(luks)
CMDLINE="rd.luks.uuid=$LUKS_UUID rd.luks.key=/etc/luks.key root=/dev/mapper/luks-$LUKS_UUID"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/luks-$LUKS_UUID / ext4 ")
REJECT+=('Please enter passphrase' 'stagehand-lvm-activate' 'VG luks')
EXPECT_STAGEHAND+=("$(crypt_unit_header "$LUKS_UUID")" "$(crypt_unit_exec "$LUKS_UUID" /etc/luks.key)"
    "E2E-GEN generator/stagehand-rootwait.service: ExecStart=[^\n]* --device='/dev/mapper/luks-$LUKS_UUID' [^\n]*--link='/dev/disk/by-uuid/$LUKS_UUID=encrypted source of luks-$LUKS_UUID'")
