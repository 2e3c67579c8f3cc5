# root=image: with roothash=: the erofs image and its hash tree /images/root.erofs.verity (made
# by veritysetup format on the host, lib/host-disks.sh), the right root hash on the command line.
# Proves: stagehand-image.service finds the hash tree standing for roothash=,
# systemd-veritysetup@root.service (stagehand's, systemd's program) attaches the two files
# through loop devices, the image is mounted read-only from /dev/mapper/root (dm-verity, the
# kernel checks every block it reads), and the overlay over it is the root.
DESCRIPTION="erofs image with a verity hash tree, right roothash=: boots from /dev/mapper/root"
FLAVOURS="stagehand"
DISKS=(imgroot)
CMDLINE="root=image:LABEL=images:/images/root.erofs roothash=$(cat "$W/disks/imgroot.roothash")"
EXPECT+=('stagehand: root image /run/stagehand/image-source/images/root.erofs found'
         'E2E-FACT root-mount: overlay / overlay rw'
         'E2E-FACT mount: /dev/(mapper/root|dm-[0-9]+) /run/stagehand/image erofs ro'
         'E2E-FACT block: dm-[0-9]+ dm=root slaves=loop[0-9]+ loop[0-9]+')
