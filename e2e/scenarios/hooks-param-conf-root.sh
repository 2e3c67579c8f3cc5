# Legacy hooks (hooks flavour): a local-top script sets the root through /conf/param.conf, as
# initramfs-tools scripts do (init mounts ${ROOT} after sourcing it). The command line names a
# root that never appears (root=LABEL=e2e-nowhere); local-top/e2e-dm makes /dev/mapper/hookroot
# and, with e2e.paramroot, writes ROOT=/dev/mapper/hookroot to /conf/param.conf.
# Proves: the runner saw the change and said so, the generator (re-run by daemon-reload with
# the override) wrote sysroot.mount and the root wait for the new root, dracut's wait and the
# device job for the old root did not hold the boot, and the new root was mounted.
DESCRIPTION="local-top script sets ROOT in /conf/param.conf; the root mount follows it"
FLAVOURS="hooks"
DISKS=(plain)
CMDLINE="root=LABEL=e2e-nowhere e2e.paramroot"
EXPECT+=('stagehand: the local-top hooks set root=/dev/mapper/hookroot through /conf/param.conf \(the command line says root=LABEL=e2e-nowhere\); the root mount follows it'
    'E2E-FACT root-mount: /dev/mapper/hookroot / ext4 '
    'E2E-GEN generator/sysroot.mount: What=/dev/mapper/hookroot'
    'E2E-GEN generator/stagehand-rootwait.service: ExecStart=.*--device=./dev/mapper/hookroot'
    'E2E-FACT run: .*\be2e-hook-2-dm\b')
REJECT+=('Entering emergency mode' 'called panic' 'failed with exit status')
TIMEOUT=300
