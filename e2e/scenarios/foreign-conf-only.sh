# As foreign-conf, but without rd.auto=1: the array is named only by the initrd's mdadm.conf.
# dracut 059's parse-md.sh sets the udev property rd_NO_MD when there is no rd.md.uuid= and no
# rd.auto=1, so its rule (65-md-incremental-imsm.rules) runs mdadm for no disk: nothing
# assembles the array, whatever mdadm.conf says (a host-only dracut puts rd.md.uuid= for the
# host's arrays into /etc/cmdline.d instead).
# Proves (stagehand): stagehand's md-degraded unit for the ARRAY line carries --assemble and
# hands each member to mdadm --incremental; the array is assembled complete and the root boots.
# Stock: the root never appears; dracut's initqueue gives up and emergency mode follows, with no
# md array in /proc/mdstat. rd.retry=30 makes it give up sooner: with the default (180) the
# first initqueue timeout scripts ran at 306 s uptime here and there was no emergency mode
# within the 420 s watchdog; with rd.retry=30 "Could not boot" came at 264 s and 344 s uptime
# (two runs, under load; no /proc/mdstat: md_mod was never loaded).
# (dracut's rd.retry does not touch stagehand's units.)
DESCRIPTION="RAID1 with a foreign homehost, named only by an ARRAY line of mdadm.conf (no rd.auto)"
DISKS=(foreign-0 foreign-1)
CMDLINE="root=UUID=$FOREIGN_FS rd.retry=30"
INITRD_FILES=("etc/mdadm.conf=$FOREIGN_MDADM_CONF")
TIMEOUT=420
REJECT+=('Initramfs unpacking failed')   # the mdadm.conf must be in the initrd
if [ "$FLAVOUR" = stock ]; then
    STEPS=("$EMERGENCY_PROMPT=>\n"
           "$SHELL_PROMPT=>{ cat /proc/mdstat || echo no-mdstat; } 2>&1 | sed 's/^/EMERG-MDSTAT /'; echo EMERG-SHELL-\$((40+2)); $SHELL_POWEROFF\n")
    # md_mod is not even loaded: no /proc/mdstat (seen); with one, no md device may be in it
    EXPECT=('Could not boot' 'Entering emergency mode' 'EMERG-MDSTAT (Personalities|no-mdstat)' 'EMERG-SHELL-42')
    REJECT=('Kernel panic' 'ROOT-MARKER-OK' 'EMERG-MDSTAT md[0-9]')
    DONE='EMERG-SHELL-42'
else
    EXPECT+=('E2E-FACT mdstat: md[0-9]+ : active (\(auto-read-only\) )?raid1 ' 'E2E-FACT mdstat: .*\[2/2\] \[UU\]'
             'E2E-FACT root-mount: /dev/md[0-9]+ / ext4 '
             'stagehand: md/otherhost:froot: member /dev/vd[ab] handed to mdadm --incremental')
fi
