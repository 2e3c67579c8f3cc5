# root=UUID= of a file system no disk carries, rd.timeout=20: the root device job times out,
# the initrd enters emergency mode; the shell is driven over serial and reports.
# Proves: the failure path ends in dracut's emergency shell (not a hang), and the harness can
# drive that shell (later scenarios: fix something there and retry).
DESCRIPTION="missing root -> emergency shell driven over serial"
DISKS=(plain)
CMDLINE="root=UUID=$MISSING_FS rd.timeout=20"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>$(emergency_report)\n")
EXPECT=('Timed out waiting for device' 'EMERG-SHELL-42' 'EMERG-SYSROOT What=/dev/disk/by-uuid/'"$MISSING_FS")
REJECT=('ROOT-MARKER-OK' 'Kernel panic')
DONE='EMERG-SHELL-42'
TIMEOUT=240
