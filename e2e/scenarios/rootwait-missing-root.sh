# root=UUID= of a file system no disk carries, rd.stagehand.rootwait=15 (no rd.timeout).
# Proves: stagehand-rootwait gives up after its budget, names the missing root on the console,
# fails initrd-root-device.target -> emergency shell (driven over serial: it prints the
# service's ExecStart, start/exit timestamps, journal, the failed units, then powers off).
DESCRIPTION="root wait budget 15 s, root absent -> stagehand names it, emergency shell"
FLAVOURS="stagehand"
DISKS=(plain)
CMDLINE="root=UUID=$MISSING_FS rd.stagehand.rootwait=15"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>$(rootwait_report)\n")
EXPECT=("stagehand: the root device /dev/disk/by-uuid/$MISSING_FS did not appear within 1[5-9]\\.[0-9] s\\."
        "stagehand:   MISSING  /dev/disk/by-uuid/$MISSING_FS \\(the root file system\\)  <- the first missing link"
        'stagehand: going to emergency mode\. Fix it there, then `systemctl default` \(or reboot\)\.'
        "EMERG-RW ExecStart=/usr/bin/stagehand rootwait --device='/dev/disk/by-uuid/$MISSING_FS' --budget='15s'"
        'EMERG-RW ExecMainStatus=1'
        'EMERG-FAILED .*stagehand-rootwait\.service +loaded failed failed'
        'EMERG-SHELL-42')
EXPECT_STAGEHAND=()
REJECT=('ROOT-MARKER-OK' 'Kernel panic' 'Timed out waiting for device')
DONE='EMERG-SHELL-42'
TIMEOUT=240
