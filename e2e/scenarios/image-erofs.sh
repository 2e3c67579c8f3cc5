# root=image: an erofs image of the test root on an ext4 partition (LABEL=images), a tmpfs upper
# layer. Two boots on the same disk (BOOTS=2): each writes /e2e-written into the overlay.
# Proves: the partition is mounted read-only under /run and stays there after switch-root, the
# image is mounted through a loop device (no copy), / is an overlay that takes writes, and what a
# boot wrote is gone in the next one (boot 2 finds no /e2e-written); the image is unchanged
# (its checksum in both boots is the one it was made with).
DESCRIPTION="erofs image on ext4, tmpfs upper: a written file is gone after reboot"
FLAVOURS="stagehand"
BOOTS=2
DISKS=(imgroot)
CMDLINE="root=image:LABEL=images:/images/root.erofs rd.stagehand.overlay=tmpfs:size=64m e2e.write=e2e-written"
md5=$(debugfs -R "cat /images/root.erofs" "$W/disks/imgroot.img" 2>/dev/null | md5sum | cut -d' ' -f1)
EXPECT+=('stagehand: root image /run/stagehand/image-source/images/root.erofs found'
         'E2E-FACT root-mount: overlay / overlay rw'
         'E2E-FACT mount: /dev/(vda|disk/by-label/images) /run/stagehand/image-source ext4 ro'
         'E2E-FACT mount: /dev/loop[0-9]+ /run/stagehand/image erofs ro'
         "E2E-FACT image: $md5  /run/stagehand/image-source/images/root.erofs"
         'E2E-FACT written-before: none'
         'E2E-FACT wrote: /e2e-written')
