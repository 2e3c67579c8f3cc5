# Legacy hooks (hooks flavour): local-block makes the root late. The root,
# /dev/mapper/blockroot, does not exist until local-block/e2e-block's 5th call (with
# e2e.blockroot), as init's local_device_setup calls local-block scripts every second while the
# root device is missing.
# Proves: the local-block unit calls its scripts with $ROOT, once a second, until the root is
# there and not after; the root wait took the root made that way; local-premount saw the root
# device and no mount, local-bottom the mounted root.
DESCRIPTION="local-block script makes the root on its 5th call"
FLAVOURS="hooks"
DISKS=(plain)
CMDLINE="root=/dev/mapper/blockroot e2e.blockroot"
EXPECT+=('e2e-block: call 1, ROOT=/dev/mapper/blockroot'
    'e2e-block: /dev/mapper/blockroot made on call 5'
    'E2E-FACT root-mount: /dev/mapper/blockroot / ext4 '
    'E2E-FACT run: .*\be2e-block-5\b'
    'E2E-FACT point: local-premount .* rootdev=active .* sysroot=no'
    'E2E-FACT point: local-bottom .* sysroot=yes')
REJECT+=('E2E-FACT run: .*\be2e-block-6\b' 'called panic' 'failed with exit status')
TIMEOUT=300
