# Legacy hooks (hooks flavour): every hook point ran at its place. Each point has the probe
# (e2e/hooks/probe.sh), which records the state of the boot it sees; the order of the records
# is the order the points ran. docs/hooks.md's table says where each point sits; this checks it
# against systemd's units: udevd and its trigger, cryptsetup.target, initrd-root-device.target,
# the /sysroot mount, initrd-fs.target.
DESCRIPTION="a probe at every hook point: each ran where docs/hooks.md says"
FLAVOURS="hooks"
DISKS=(plain)
CMDLINE="root=/dev/mapper/hookroot"
EXPECT+=('E2E-FACT point: nixos-preDeviceCommands .* udevd=inactive trigger=inactive .* sysroot=no'
    'E2E-FACT point: init-top .* udevd=active .* rootdev=inactive .* sysroot=no'
    'E2E-FACT point: init-premount .* trigger=active .* rootdev=inactive .* sysroot=no'
    'E2E-FACT point: nixos-preLVMCommands .* trigger=active .* rootdev=inactive .* sysroot=no'
    'E2E-FACT point: local-top .* trigger=active .* rootdev=inactive .* sysroot=no'
    'E2E-FACT point: nixos-postDeviceCommands .* cryptsetup=active rootdev=inactive .* sysroot=no'
    'E2E-FACT point: local-premount .* rootdev=active .* sysroot=no hookroot=yes'
    'E2E-FACT point: nixos-postResumeCommands .* rootdev=active .* sysroot=no'
    'E2E-FACT point: local-bottom .* initrdfs=inactive sysroot=yes'
    'E2E-FACT point: nixos-postMountCommands .* sysroot=yes'
    'E2E-FACT point: init-bottom .* initrdfs=active sysroot=yes')
# local-block runs only while the root device is missing (local-top made it); preFailCommands
# only on the way to emergency mode
REJECT+=('E2E-FACT point: local-block' 'E2E-FACT point: nixos-preFailCommands' 'failed with exit status')
TIMEOUT=300
