# A wrong root=UUID= (no disk carries it), root wait budget 10 s: emergency shell. There the
# harness types `stagehand retry --set root=UUID=<the right one>`.
# Proves: the override reaches the generator (daemon-reload), dracut's wait for the old root
# is dropped, failed units are reset, initrd.target starts again, and the boot reaches the
# real root, all from one command in the emergency shell.
DESCRIPTION="wrong root=UUID -> emergency -> stagehand retry --set root=UUID=right -> boots"
FLAVOURS="stagehand"
DISKS=(plain)
CMDLINE="root=UUID=$MISSING_FS rd.stagehand.rootwait=10"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>stagehand retry --set root=UUID=$PLAIN_FS\n")
EXPECT=("stagehand: the root device /dev/disk/by-uuid/$MISSING_FS did not appear within 1[0-9]\\.[0-9] s\\."
        "stagehand retry: the generator sees: .*root=UUID=$PLAIN_FS"
        "stagehand retry: dropped dracut's wait for /dev/disk/by-uuid/$MISSING_FS"
        'stagehand retry: starting initrd.target again'
        "stagehand: root device /dev/disk/by-uuid/$PLAIN_FS is there"
        'E2E-FACT root-mount: /dev/vda / ext4 '
        'ROOT-MARKER-OK')
REJECT=('Kernel panic')   # the first pass enters emergency mode on purpose
TIMEOUT=240
