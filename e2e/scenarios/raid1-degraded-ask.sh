# md RAID1 with one member missing, rd.stagehand.md.degraded=ask, timeout 10 s: the question
# appears on the console through the password agent and the harness answers "y".
# Proves: policy ask asks (with the numbers), a yes starts the array degraded, the root boots;
# the root wait does not count the time the question is open.
DESCRIPTION="RAID1, one member missing, policy ask answered y"
FLAVOURS="stagehand"
DISKS=(raid-0)
CMDLINE="rd.md.uuid=$RAID_MD root=UUID=$RAID_FS rd.stagehand.md.degraded=ask rd.stagehand.md.timeout=10 rd.stagehand.rootwait=30"
STEPS=("is missing 1 of 2 members; start degraded\\? \\[y/N\\]=><delay=25>y\n")
EXPECT+=('E2E-FACT mdstat: .*\[2/1\] \[U_\]' 'E2E-FACT root-mount: /dev/md[0-9]+ / ext4 '
         "stagehand: [^ ]+ is missing 1 of 2 members after 1[0-9]\\.[0-9] s; started it degraded \\(policy ask\\)")
REJECT+=('did not appear within')
TIMEOUT=240
