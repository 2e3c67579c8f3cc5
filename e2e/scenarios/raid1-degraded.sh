# md RAID1 with one of its two members missing (only raid-0 attached), dracut's defaults.
# Stock: dracut starts the inactive array when its initqueue times out (2/3 of rd.retry=180 s).
# Stagehand: stagehand-md-degraded@ starts it after its 30 s default timeout (policy auto),
# well inside the root wait's 90 s; the root wait names the array in its chain.
# Proves: a degraded RAID1 root boots, and sooner than with dracut (bench-boot: the ratio).
DESCRIPTION="RAID1, one member missing, degraded policy auto (default)"
DISKS=(raid-0)
CMDLINE="rd.md.uuid=$RAID_MD root=UUID=$RAID_FS"
EXPECT+=('E2E-FACT mdstat: .*\[2/1\] \[U_\]' 'E2E-FACT root-mount: /dev/md[0-9]+ / ext4 ')
EXPECT_STAGEHAND+=("stagehand: [^ ]+ is missing 1 of 2 members after 3[0-9]\\.[0-9] s; started it degraded \\(policy auto\\)"
                   "E2E-GEN generator/stagehand-rootwait.service: ExecStart=.* --link='/dev/disk/by-id/md-uuid-$RAID_MD=")
TIMEOUT=420
# stock waits for dracut's initqueue timeout: 240 rounds of its loop (2/3 of rd.retry=180 s
# counted in half seconds), each a sleep of 0.5 s plus udevadm settle and the finished hooks:
# ~190 s uptime on Debian 12 at low load, but under TCG at load 10-12 Debian 13's rounds took
# so long that nothing had happened by 420 s (2026-12-03)
if [ "$FLAVOUR" = stock ]; then TIMEOUT=660; fi
