# root=image: a squashfs image (rootfstype=squashfs) with a persistent upper layer on a second
# disk (rd.stagehand.overlay=LABEL=e2eupper). Two boots on the same disks: boot 2 finds the file
# boot 1 wrote.
# Proves: the check takes the type asked for, makes upper/ and work/ on the empty file system,
# the root wait waits for the upper layer's device beside the image's partition, and the overlay
# keeps writes on the upper device across a reboot.
DESCRIPTION="squashfs image, persistent upper on a second disk: a written file survives reboot"
FLAVOURS="stagehand"
TIER=all
BOOTS=2
DISKS=(imgroot upper)
CMDLINE="root=image:LABEL=images:/images/root.squashfs rootfstype=squashfs rd.stagehand.overlay=LABEL=e2eupper e2e.write=e2e-written"
EXPECT+=('stagehand: root image /run/stagehand/image-source/images/root.squashfs found'
         'stagehand: root device /dev/disk/by-label/images and upper layer device /dev/disk/by-label/e2eupper are there after'
         'E2E-FACT root-mount: overlay / overlay rw'
         'E2E-FACT wrote: /e2e-written')
if [ "$BOOT" = 1 ]; then
    EXPECT+=('E2E-FACT written-before: none')
else
    EXPECT+=('E2E-FACT written-before: /e2e-written: boot at')
fi
