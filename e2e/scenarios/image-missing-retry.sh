# root=image: names a file that is not on the partition: stagehand-image.service lists the
# folder's files and fails, the boot goes to emergency mode; there the harness types
# `stagehand retry --set root=image:...` with the right path.
# Proves: one message that names the missing file and what is there, emergency mode, and a retry
# with the right path boots the image.
DESCRIPTION="missing image -> emergency (folder listed) -> stagehand retry --set root=image:right -> boots"
FLAVOURS="stagehand"
TIER=all
DISKS=(imgroot)
CMDLINE="root=image:LABEL=images:/images/root.erofz"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>stagehand retry --set root=image:LABEL=images:/images/root.erofs\n")
EXPECT=('stagehand: the root image /run/stagehand/image-source/images/root.erofz is not there'
        'stagehand:   root.erofs'
        'stagehand:   root.squashfs'
        'stagehand retry: starting initrd.target again'
        'stagehand: root image /run/stagehand/image-source/images/root.erofs found'
        'E2E-FACT root-mount: overlay / overlay rw'
        'ROOT-MARKER-OK')
REJECT=('Kernel panic')   # the first pass enters emergency mode on purpose
TIMEOUT=300
