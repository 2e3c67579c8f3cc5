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
export dracutbasedir=$W/dracutbase       # /usr/lib/dracut + 90stagehand + 99e2e-probe (prepare.sh)
tmp=$out.tmp.$$
rm -f "$tmp"
dracut --force --quiet --no-hostonly --no-hostonly-cmdline --nomdadmconf --nolvmconf --no-early-microcode \
  --conf "$W/dracut-conf/empty.conf" --confdir "$confdir" \
  --kver "$KVER" --kmoddir "$W/kernel/lib/modules/$KVER" \
  --modules "$(echo $MODULES)" \
  --drivers "virtio_blk virtio_pci virtio_scsi dm_mod dm_crypt raid1 md_mod ext4${net_drivers:-}" \
  --include "$W/keys/luks.key" /etc/luks.key \
  --compress zstd \
  "${extra[@]}" "$tmp"
mv -f "$tmp" "$out"
