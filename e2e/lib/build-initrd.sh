#!/bin/bash
# Build one test initrd: a generic (non-hostonly) systemd-based dracut initrd for Debian's cloud
# kernel. Every flavour uses the same dracut configuration; they differ only as stated:
#   stock      plain dracut (+ e2e-probe, a test-only module that keeps the generator output
#              in /run/e2e for the test root to report; see e2e/dracut-probe/)
#   stagehand  stock + our dracut module (dracut/90stagehand), binary and units from the
#              snapshot prepare.sh made in $W/stagehand-input
#   hooks      stagehand + the legacy hook scripts of e2e/hooks, put in by the module itself
#              (its dracut settings point at them; e2e/hooks/README.md)
#   fetch      stagehand with stagehand_fetch=yes (a root downloaded at boot: the module adds
#              dracut's network and url-lib modules, curl, tar, the decompressors), virtio_net
#   setup      stock + the formatting tools and /setup.sh, for the disk-formatting VM
# With E2E_INITRD=debian13 dracut (dracut-ng) runs inside the Debian 13 chroot prepare.sh made
# ($D13/root), on its kernel (/kernel there), with the same module list; its inputs are copied
# to /e2e in the chroot first. The setup flavour is Debian 12's only.
# usage: build-initrd.sh FLAVOUR OUT.img
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/common.sh"
flavour=$1 out=$2
KVER=$(kver)
MODULES="systemd systemd-initrd systemd-udevd systemd-journald systemd-tmpfiles systemd-modules-load
  systemd-sysctl systemd-ask-password dracut-systemd base fs-lib rootfs-block kernel-modules udev-rules
  crypt dm mdraid lvm"
extra=() net_drivers=""
[ "$flavour" = fetch ] && net_drivers=" virtio_net af_packet"
case $flavour in
  stock) MODULES="$MODULES e2e-probe" ;;
  stagehand|hooks|fetch) MODULES="$MODULES e2e-probe stagehand" ;;
  setup) extra=(--install "cryptsetup mkfs.ext4 mke2fs blkid wipefs sync sed cat tr"
                --include /bin/busybox /bin/busybox --include "$W/rootfs-src" /rootfs-src
                --include "$E2E_DIR/lib/setup-disks.sh" /setup.sh --include "$E2E_DIR/lib/ids.env" /ids.env) ;;
  *) die "unknown flavour $flavour" ;;
esac
# dracut configuration: nothing from the host's /etc/dracut.conf*, only $W/dracut-conf/<flavour>/
confdir=$W/dracut-conf/$flavour
mkdir -p "$confdir"
: > "$W/dracut-conf/empty.conf"
dracut_args=(--force --quiet --no-hostonly --no-hostonly-cmdline --nomdadmconf --nolvmconf --no-early-microcode
  --drivers "virtio_blk virtio_pci virtio_scsi dm_mod dm_crypt raid1 md_mod ext4${net_drivers:-}"
  --compress zstd)

if [ "$E2E_INITRD" = debian12 ]; then
    export dracutbasedir=$W/dracutbase   # /usr/lib/dracut + 90stagehand + 99e2e-probe (prepare.sh)
    tmp=$out.tmp.$$
    rm -f "$tmp"
    dracut "${dracut_args[@]}" --conf "$W/dracut-conf/empty.conf" --confdir "$confdir" \
      --kver "$KVER" --kmoddir "$W/kernel/lib/modules/$KVER" \
      --modules "$(echo $MODULES)" --include "$W/keys/luks.key" /etc/luks.key \
      "${extra[@]}" "$tmp"
    mv -f "$tmp" "$out"
    exit 0
fi

# ---- debian13: dracut-ng in the chroot ---------------------------------------------------------
R=$D13/root
[ -f "$R/kernel/boot/vmlinuz-$KVER" ] || die "no Debian 13 chroot at $R (run prepare.sh with E2E_INITRD=debian13)"
# dracut-ng moved systemd-cryptsetup out of 90crypt into its own module: a systemd initrd that
# should open LUKS names it too (a host-only dracut adds it by itself when the host has LUKS).
# The stagehand flavours do not: stagehand's module must ask for it (its depends()).
if [ "$flavour" = stock ] && compgen -G "$R/usr/lib/dracut/modules.d/[0-9][0-9]systemd-cryptsetup" >/dev/null; then
    MODULES="$MODULES systemd-cryptsetup"
fi
# the inputs, where dracut in the chroot sees them (/e2e); stagehand.conf names them by their
# host paths below $W: rewritten to /e2e
rm -rf "$R/e2e"; mkdir -p "$R/e2e/dracutbase/modules.d" "$R/e2e/keys" "$R/e2e/dracut-conf"
for f in "$R"/usr/lib/dracut/*; do [ "${f##*/}" = modules.d ] || ln -s "/usr/lib/dracut/${f##*/}" "$R/e2e/dracutbase/"; done
for m in "$R"/usr/lib/dracut/modules.d/*; do ln -s "/usr/lib/dracut/modules.d/${m##*/}" "$R/e2e/dracutbase/modules.d/"; done
cp -r "$W/dracutbase/modules.d/90stagehand" "$W/dracutbase/modules.d/99e2e-probe" "$R/e2e/dracutbase/modules.d/"
cp "$W/keys/luks.key" "$R/e2e/keys/"
cp -r "$confdir" "$R/e2e/dracut-conf/$flavour"
cp "$W/dracut-conf/empty.conf" "$R/e2e/dracut-conf/"
for d in stagehand-input hooks-src; do [ -d "$W/$d" ] && cp -r "$W/$d" "$R/e2e/$d"; done
find "$R/e2e/dracut-conf/$flavour" -type f -exec sed -i "s|\"$W/|\"/e2e/|g" {} +
md=/kernel/lib/modules/$KVER
# a private mount namespace: /proc for dracut, gone with the process whatever happens
rm -f "$R/e2e/initrd.img"
unshare --mount --propagation private -- /bin/sh -c 'mount -t proc proc "$1/proc" && shift && exec chroot "$@"' \
  sh "$R" "$R" /usr/bin/env dracutbasedir=/e2e/dracutbase dracut "${dracut_args[@]}" \
  --conf /e2e/dracut-conf/empty.conf --confdir "/e2e/dracut-conf/$flavour" \
  --kver "$KVER" --kmoddir "$md" \
  --modules "$(echo $MODULES)" --include /e2e/keys/luks.key /etc/luks.key \
  /e2e/initrd.img
mv -f "$R/e2e/initrd.img" "$out"
