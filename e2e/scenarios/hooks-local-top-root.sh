# Legacy hooks (hooks flavour: the scripts of e2e/hooks): the root exists only because a
# local-top script made it. root=/dev/mapper/hookroot is a device-mapper linear device over
# the plain disk, which local-top/e2e-dm creates; it names e2e-prep in its PREREQ and panics
# unless e2e-prep ran first. A NixOS postMountCommands file runs after the root is mounted.
# Proves: the generator found the scripts in the initrd (/etc/initramfs-tools/scripts, put
# there by the dracut module), ordered them by PREREQ, stagehand-hook@local-top.service ran
# them before the root device was waited for, the root mount used their work, the NixOS
# hook ran at its point, and init-premount's scripts ran once each.
DESCRIPTION="local-top script makes the root device (dm linear), NixOS postMountCommands"
FLAVOURS="hooks"
DISKS=(plain)
CMDLINE="root=/dev/mapper/hookroot"
EXPECT+=('E2E-FACT root-mount: /dev/mapper/hookroot / ext4 '
    'E2E-FACT block: dm-0 dm=hookroot slaves=vda'
    'stagehand: running the init-premount hooks: e2e-a-ok e2e-probe e2e-fail'
    'stagehand: running the local-top hooks: e2e-prep e2e-probe e2e-dm'
    'Success: e2e-dm: /dev/mapper/hookroot is /dev/vda'
    'postMountCommands: /sysroot is mounted'
    'E2E-FACT run: .*\be2e-hook-1-prep\b'
    'E2E-FACT run: .*\be2e-hook-2-dm\b'
    'E2E-FACT run: .*\be2e-hook-3-postmount\b'
    'E2E-FACT run: .*\be2e-hook-ok-1\b'
    'E2E-GEN generator/stagehand-hook@local-top.service\r?$'
    'E2E-GEN generator/stagehand-rootwait.service.requires/stagehand-hook@local-top.service -> '
    'E2E-GEN generator/initrd-root-device.target.requires/stagehand-hook@local-top.service -> ')
REJECT+=('E2E-FACT run: .*\be2e-hook-ok-2\b' 'failed with exit status' 'called panic')
