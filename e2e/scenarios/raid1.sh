# md RAID1 over two disks (both present) holding ext4.
# Proves: rd.md.uuid assembly, the array is complete ([UU]), root=UUID= on the array.
DESCRIPTION="RAID1, both disks"
DISKS=(raid-0 raid-1)
CMDLINE="rd.md.uuid=$RAID_MD root=UUID=$RAID_FS"
EXPECT+=('E2E-FACT mdstat: md[0-9]+ : active raid1 ' 'E2E-FACT mdstat: .*\[2/2\] \[UU\]'
         'E2E-FACT root-mount: /dev/md[0-9]+ / ext4 ')
