# 512 GPT partitions on four NVMe disks (parts-a, -b, -c: 128 empty ones each; parts: 127 empty,
# then the root), root=PARTLABEL=system on the last partition of the last disk, with the root
# hint on that disk (rd.stagehand.root.hint=). Proves: both flavours boot it; stagehand-locate
# looks at the hinted disk first and finds the partition there; no other disk holds the name.
# With e2e.bench-locate= the probe times `stagehand locate` against `blkid -t` on these devices
# before switch-root (E2E-FACT bench-locate: lines; make bench-locate reads them).
DESCRIPTION="root=PARTLABEL= on partition 128 of the 4th disk, 512 partitions in all (NVMe)"
DISKS=()
QEMU_EXTRA=()
for d in a b c; do
    QEMU_EXTRA+=(-drive "file=$W/disks/parts-$d.img,format=raw,if=none,id=nv$d,cache=unsafe"
                 -device "nvme,drive=nv$d,serial=parts$d")
done
QEMU_EXTRA+=(-drive "file=$W/disks/parts.img,format=raw,if=none,id=nvparts,cache=unsafe"
             -device "nvme,drive=nvparts,serial=parts")
CMDLINE="root=PARTLABEL=system rd.stagehand.root.hint=/dev/nvme3n1 e2e.bench-locate=PARTLABEL=system"
EXPECT+=('E2E-FACT root-mount: /dev/nvme3n1p128 / ext4 '
         'E2E-FACT block: nvme0n1' 'E2E-FACT block: nvme2n1')
EXPECT_STAGEHAND+=('E2E-GEN generator/sysroot.mount: What=/dev/disk/by-partlabel/system'
                   'stagehand: the hint /dev/nvme3n1 holds PARTLABEL=system: /dev/nvme3n1p128; every other disk is still read'
                   'stagehand: PARTLABEL=system is /dev/nvme3n1p128, partition 128 of /dev/nvme3n1'
                   'E2E-FACT bench-locate: stagehand [0-9]+ /dev/nvme3n1p128')
TIMEOUT=480
# four disks of 128 partitions: minutes under TCG; many-partitions is make check's
TIER=all
