# rd.luks.uuid= of a LUKS volume no disk carries, root=UUID= of an absent file system (which
# would be inside it), rd.stagehand.rootwait=15, on the plain disk.
# Proves: the root wait names the encrypted source as the first missing link of the chain
# (source -> unlocked volume -> root), then emergency mode (driven like rootwait-missing-root).
DESCRIPTION="root wait budget 15 s, LUKS source absent -> named as first missing link"
FLAVOURS="stagehand"
DISKS=(plain)
CMDLINE="rd.luks.uuid=$MISSING_LUKS root=UUID=$MISSING_FS rd.stagehand.rootwait=15"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>$(rootwait_report)\n")
EXPECT=("stagehand: the root device /dev/disk/by-uuid/$MISSING_FS did not appear within 1[5-9]\\.[0-9] s\\."
        "stagehand:   MISSING  /dev/disk/by-uuid/$MISSING_LUKS \\(encrypted source of luks-$MISSING_LUKS\\)  <- the first missing link"
        "stagehand:   MISSING  /dev/mapper/luks-$MISSING_LUKS \\(luks-$MISSING_LUKS unlocked\\)\r?$"
        "stagehand:   MISSING  /dev/disk/by-uuid/$MISSING_FS \\(the root file system\\)\r?$"
        'stagehand: going to emergency mode\.'
        'EMERG-RW ExecMainStatus=1'
        'EMERG-FAILED .*stagehand-rootwait\.service +loaded failed failed'
        'EMERG-SHELL-42')
EXPECT_STAGEHAND=()
REJECT=('ROOT-MARKER-OK' 'Kernel panic' 'Timed out waiting for device')
DONE='EMERG-SHELL-42'
TIMEOUT=240
