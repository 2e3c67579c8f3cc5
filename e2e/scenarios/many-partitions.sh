# 128 GPT partitions on one NVMe disk (built into Debian's kernel, so the disk is there before
# udev's coldplug), root=PARTLABEL= on the last one. Proves: both flavours boot it; stagehand's
# stagehand-locate.service finds the partition from sysfs and the GPT before coldplug and asks
# udev for it first; sysroot.mount still names udev's link (docs/locate.md).
DESCRIPTION="root=PARTLABEL= on partition 128 of 128 (NVMe)"
DISKS=()
QEMU_EXTRA=(-drive "file=$W/disks/parts.img,format=raw,if=none,id=nvparts,cache=unsafe"
            -device "nvme,drive=nvparts,serial=parts")
CMDLINE="root=PARTLABEL=system"
EXPECT+=('E2E-FACT root-mount: /dev/nvme0n1p128 / ext4 ')
EXPECT_STAGEHAND+=('E2E-GEN generator/sysroot.mount: What=/dev/disk/by-partlabel/system'
                   'stagehand: PARTLABEL=system is /dev/nvme0n1p128, partition 128 of /dev/nvme0n1, found by the kernel.s PARTNAME=')
