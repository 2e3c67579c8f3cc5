#!/bin/bash
# Make the disk images that need no device-mapper/md: plain ext4 file systems written on the host
# with `mkfs.ext4 -d` (no loop device, no root privileges beyond writing the files).
#   plain     the test root (ROOTFS_SRC), empty /etc/fstab
#   xroot     the test root, /etc/fstab with an x-initrd.mount entry (xdata at /srv/xinitrd),
#             an ordinary entry (xother at /srv/plain) and a root entry   (sysroot-xinitrd)
#   badroot   the test root, /etc/fstab with garbage and hostile lines next to one valid
#             x-initrd.mount entry (xdata at /srv/xinitrd)                   (bad-fstab)
#   xdata     small ext4 holding /e2e-marker = $XDATA_MARKER
#   xother    small ext4 holding /e2e-marker = $XOTHER_MARKER
#   imgroot   ext4 labelled "images" holding the test root as /images/root.erofs (mkfs.erofs) and
#             /images/root.squashfs (mksquashfs), for root=image: (image-* scenarios), and the erofs
#             image's dm-verity hash tree /images/root.erofs.verity (veritysetup format on the files,
#             no device-mapper); its root hash in OUTDIR/imgroot.roothash (image-verity*)
#   upper     small empty ext4 labelled "e2eupper": a persistent upper layer over an image root
#   fsckdata  2 GiB (sparse) ext4 labelled "fsckdata", 120000 empty files in 1200 folders and
#             /e2e-marker = FSCKDATA-MARKER: a forced check takes seconds under TCG (fsck-early-luks)
#   parts     a GPT of 128 partitions (sfdisk): 1-127 empty, 1 MiB each, named p1..p127; 128,
#             named "system", holds a copy of plain (the test root)      (many-partitions)
#   parts-a, parts-b, parts-c
#             GPTs of 128 empty 1 MiB partitions each (sparse), named a1..a128, b1.., c1..: with
#             parts, 512 partitions on four disks                     (many-partitions-512)
# usage: host-disks.sh ROOTFS_SRC OUTDIR     (IDs from lib/ids.env)
set -euo pipefail
src=$1 out=$2
. "$(dirname "$(readlink -f "$0")")/ids.env"
tmp=$out/.trees; rm -rf "$tmp"; mkdir -p "$tmp"

mkfs() { # image size uuid label tree
    mkfs.ext4 -q -F -d "$5" -U "$3" -L "$4" "$out/$1.img" "$2" >/dev/null
}
root_variant() { # name: copy of the test root with mount points for the fstab entries
    rm -rf "${tmp:?}/$1"; cp -a "$src" "$tmp/$1"
    mkdir -p "$tmp/$1/srv/xinitrd" "$tmp/$1/srv/plain" "$tmp/$1/srv/wb"
}

mkfs plain 64M "$PLAIN_FS" plainroot "$src"

root_variant xroot
cat > "$tmp/xroot/etc/fstab" <<EOF
# /etc/fstab of the xroot test disk (e2e/lib/host-disks.sh)
UUID=$XROOT_FS  /             ext4  defaults                 0 1
UUID=$XDATA_FS  /srv/xinitrd  ext4  defaults,x-initrd.mount  0 2
UUID=$XOTHER_FS /srv/plain    ext4  defaults                 0 2
EOF
mkfs xroot 64M "$XROOT_FS" xroot "$tmp/xroot"

# Line numbers matter: the bad-fstab scenario expects stagehand's messages to name lines 2,3,5,6,7.
root_variant badroot
{
    printf '# hostile /etc/fstab of the badroot test disk (e2e/lib/host-disks.sh)\n'    # 1
    printf 'justonefield\n'                                                              # 2 one field
    printf '\177ELF\002\001\001\000\000\000 \377\376 /x y\n'                             # 3 binary, NUL
    printf '\336\255\276\357 \200\201\202 \377\376 0 0\n'                                # 4 binary, not x-initrd
    printf '\336\255\276\357 \200\201\202 \377\376 x-initrd.mount 0 0\n'                  # 5 binary, x-initrd
    printf 'UUID=%s /srv/evil\\012ExecStart=/bin/sh ext4 x-initrd.mount 0 0\n' "$XDATA_FS"   # 6 newline
    printf 'UUID=%s /srv/wb ext4 x-initrd.mount,x-systemd.wanted-by=../../etc/evil 0 0\n' "$XDATA_FS"  # 7
    printf 'UUID=%s /srv/xinitrd ext4 defaults,x-initrd.mount 0 2\n' "$XDATA_FS"          # 8 valid
} > "$tmp/badroot/etc/fstab"
mkfs badroot 64M "$BADROOT_FS" badroot "$tmp/badroot"

mkdir -p "$tmp/xdata" "$tmp/xother"
printf '%s\n' "$XDATA_MARKER" > "$tmp/xdata/e2e-marker"
printf '%s\n' "$XOTHER_MARKER" > "$tmp/xother/e2e-marker"
mkfs xdata 8M "$XDATA_FS" xdata "$tmp/xdata"
mkfs xother 8M "$XOTHER_FS" xother "$tmp/xother"

mkdir -p "$tmp/fsckdata"
printf 'FSCKDATA-MARKER\n' > "$tmp/fsckdata/e2e-marker"
python3 -c 'import os, sys
for d in range(1, 1201):
    os.mkdir(f"{sys.argv[1]}/d{d}")
    for f in range(1, 101): open(f"{sys.argv[1]}/d{d}/f{f}", "w").close()' "$tmp/fsckdata"
mkfs.ext4 -q -F -d "$tmp/fsckdata" -N 262144 -L fsckdata "$out/fsckdata.img" 2G >/dev/null

# root images: file system images of the test root, on an ext4 partition
mkdir -p "$tmp/imgroot/images" "$tmp/upper"
mkfs.erofs -d0 "$tmp/imgroot/images/root.erofs" "$src" >/dev/null
mksquashfs "$src" "$tmp/imgroot/images/root.squashfs" -quiet -noappend -all-root >/dev/null
veritysetup format --salt=5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a \
    --uuid=5a5a5a5a-0000-4000-8000-0000000000a5 \
    "$tmp/imgroot/images/root.erofs" "$tmp/imgroot/images/root.erofs.verity" \
    | sed -n 's/^Root hash:[[:space:]]*//p' > "$out/imgroot.roothash"
[ -s "$out/imgroot.roothash" ] || { echo "host-disks: veritysetup format printed no root hash" >&2; exit 1; }
mkfs imgroot 64M 5a5a5a5a-0000-4000-8000-00000000005a images "$tmp/imgroot"
mkfs upper 16M 5b5b5b5b-0000-4000-8000-00000000005b e2eupper "$tmp/upper"

# 128 partitions: udev probes every one of them before coldplug is done (docs/locate.md)
truncate -s 0 "$out/parts.img"; truncate -s 193M "$out/parts.img"
{
    echo "label: gpt"
    for i in $(seq 1 127); do echo "size=1MiB, name=p$i"; done
    echo "size=64MiB, name=system"
} | sfdisk -q "$out/parts.img" >/dev/null
# partition 128 starts at 1 MiB + 127 MiB: the root file system goes there as it is
start=$(sfdisk -d "$out/parts.img" | sed -n 's|.*parts.img128 : start= *\([0-9]*\),.*|\1|p')
[ "$start" = $((2048 + 127 * 2048)) ] || { echo "host-disks: partition 128 starts at '$start'" >&2; exit 1; }
dd if="$out/plain.img" of="$out/parts.img" bs=1M seek=128 conv=notrunc,sparse status=none
for d in a b c; do
    truncate -s 0 "$out/parts-$d.img"; truncate -s 130M "$out/parts-$d.img"
    {
        echo "label: gpt"
        for i in $(seq 1 128); do echo "size=1MiB, name=$d$i"; done
    } | sfdisk -q "$out/parts-$d.img" >/dev/null
done
rm -rf "$tmp"
