# root=image: with a roothash= that is not the image's: stagehand-image.service compares it with
# the hash tree's and fails with one message naming the image and roothash=, the boot goes to
# emergency mode; there the harness types `stagehand retry --set roothash=` with the right hash.
# Proves: a wrong root hash never mounts the image, the message says which hash the tree has,
# and a retry with the right one boots through dm-verity.
DESCRIPTION="wrong roothash= -> emergency naming image and roothash= -> retry with the right hash -> boots"
FLAVOURS="stagehand"
TIER=all
DISKS=(imgroot)
right=$(cat "$W/disks/imgroot.roothash")
wrong=0000000000000000000000000000000000000000000000000000000000000000
CMDLINE="root=image:LABEL=images:/images/root.erofs roothash=$wrong"
STEPS=("$EMERGENCY_PROMPT=>\n"
       "$SHELL_PROMPT=>stagehand retry --set roothash=$right\n")
EXPECT=("stagehand: the root image /run/stagehand/image-source/images/root.erofs does not match roothash=$wrong: its hash tree /run/stagehand/image-source/images/root.erofs.verity has the root hash $right"
        'stagehand retry: starting initrd.target again'
        'stagehand: root image /run/stagehand/image-source/images/root.erofs found'
        'E2E-FACT mount: /dev/(mapper/root|dm-[0-9]+) /run/stagehand/image erofs ro'
        'E2E-FACT root-mount: overlay / overlay rw'
        'ROOT-MARKER-OK')
REJECT=('Kernel panic')   # the first pass enters emergency mode on purpose
TIMEOUT=300
