# Plain ext4 on a whole virtio disk, root addressed by filesystem UUID.
# Proves: root=UUID= -> sysroot.mount on /dev/disk/by-uuid/... -> switch-root.
DESCRIPTION="plain ext4, root=UUID="
DISKS=(plain)
CMDLINE="root=UUID=$PLAIN_FS"
EXPECT+=('E2E-FACT root-mount: /dev/vda / ext4 ')
