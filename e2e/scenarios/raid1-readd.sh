# md RAID1 started degraded (raid-0 only, timeout 10 s); right then the second member is
# hot-plugged (PCI, QEMU monitor). rd.break=pre-pivot holds the initrd before switch-root: in
# that shell the harness waits for the recovery to finish and prints /proc/mdstat, then
# leaves the shell and the boot goes on.
# Proves: a member that comes back after the degraded start is added again (udev runs
# mdadm --incremental on it, which adds it to the running array), and /proc/mdstat after
# switch-root shows both members.
DESCRIPTION="RAID1 started degraded, missing member hot-plugged afterwards and re-added"
FLAVOURS="stagehand"
DISKS=(raid-0)
LATE_DISKS=(raid-1)
CMDLINE="rd.md.uuid=$RAID_MD root=UUID=$RAID_FS rd.stagehand.md.timeout=10 rd.break=pre-pivot"
STEPS=("started it degraded \\(policy auto\\)=>$(hotplug_disk raid-1)"
       "$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do grep -q recovery /proc/mdstat || break; sleep 3; done; sed 's/^/E2E-INITRD-MDSTAT /' /proc/mdstat; exit\n")
EXPECT+=("stagehand: [^ ]+ is missing 1 of 2 members after 1[0-9]\\.[0-9] s; started it degraded \\(policy auto\\)"
         'E2E-FACT mdstat: md[0-9]+ : active raid1 vd[a-z]\[[0-9]\] vd[a-z]\[[0-9]\]'
         'E2E-FACT mdstat: .*\[2/2\] \[UU\]'
         'E2E-FACT root-mount: /dev/md[0-9]+ / ext4 ')
REJECT=("Kernel panic" "did not appear within")   # rd.break enters dracut's emergency shell on purpose
TIMEOUT=300
