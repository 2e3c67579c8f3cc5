# shellcheck shell=bash
# Shared paths and helpers for the e2e harness. Sourced by prepare.sh, run.sh, bench-boot.sh.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$E2E_DIR/.." && pwd)
W=${E2E_WORK:-/var/tmp/stagehand-e2e}
STAGEHAND_BIN=${STAGEHAND_BIN:-$REPO_DIR/target/stagehand}
STAGEHAND_UNITS=${STAGEHAND_UNITS:-$REPO_DIR/units}
STAGEHAND_MODULE=${STAGEHAND_MODULE:-$REPO_DIR/dracut/90stagehand}
STAGEHAND_HOOKS_FUNCTIONS=${STAGEHAND_HOOKS_FUNCTIONS:-$REPO_DIR/hooks/functions}
PY=/usr/bin/python3
# Which distribution the initrds (and the booted kernel) come from:
#   debian12  (default) the host's own dracut 059 / systemd 252 and Debian 12's cloud kernel
#   debian13  dracut-ng 106 / systemd 257 and Debian 13's cloud kernel, from a throwaway chroot
#             made with mmdebstrap in $W/debian13/root (docs/e2e-flavours.md); dracut runs in it
# The disks (and the setup VM that formats them) are the same for both.
E2E_INITRD=${E2E_INITRD:-debian12}
D13=$W/debian13
# What the debian13 chroot holds: mmdebstrap --variant=minbase plus these (no recommends). A
# change here (or of the suite, mirror, kernel package) rebuilds the chroot (stamp debian13-root).
# dracut-network, curl, xz-utils, isc-dhcp-client and procps (dhclient and pgrep: dracut-ng's
# network module picks network-legacy, which wants them) are for the fetch flavour.
DEBIAN13_SUITE=trixie
DEBIAN13_MIRROR=${DEBIAN13_MIRROR:-http://deb.debian.org/debian}
DEBIAN13_KERNEL_PACKAGE=linux-image-cloud-amd64
DEBIAN13_PACKAGES="systemd udev systemd-cryptsetup cryptsetup-bin dracut dracut-core dracut-network mdadm lvm2
  dmsetup kmod zstd e2fsprogs cpio curl xz-utils isc-dhcp-client procps"

# Packages a fresh Debian 12 machine lacks (host tools; the initrd content comes from them too).
# dracut-network: Debian 12 ships dracut's network, network-legacy and url-lib modules there, not
# in dracut-core (the fetch flavour's downloaded root needs them); curl, xz-utils and tar are what
# stagehand fetch runs in that initrd. erofs-utils and squashfs-tools build the image roots.
E2E_PACKAGES="qemu-system-x86 qemu-utils dracut dracut-core dracut-network udev systemd cryptsetup cryptsetup-bin
  mdadm lvm2 busybox-static e2fsprogs cpio kmod zstd python3 coreutils curl xz-utils tar erofs-utils squashfs-tools fdisk
  openssl ca-certificates"


log() { printf '%s\n' "e2e: $*" >&2; }
die() { printf '%s\n' "e2e: ERROR: $*" >&2; exit 1; }
case $E2E_INITRD in debian12|debian13) ;; *) die "E2E_INITRD must be debian12 or debian13, not '$E2E_INITRD'" ;; esac

# sha256 over file contents (and names) of the given paths (files or dirs, missing ones count as "-")
hash_inputs() {
    local p
    for p in "$@"; do
        if [ -d "$p" ]; then
            (cd "$p" && find . \( -type f -o -type l \) -print0 | LC_ALL=C sort -z |
                xargs -0r sha256sum) | sed "s|  \./|  $p/|"
        elif [ -e "$p" ]; then
            sha256sum "$p"
        else
            echo "- $p"
        fi
    done | sha256sum | cut -c1-16
}

# stamp_ok NAME HASH: true if $W/stamps/NAME holds HASH
stamp_ok() { [ -f "$W/stamps/$1" ] && [ "$(cat "$W/stamps/$1")" = "$2" ]; }
stamp_set() { mkdir -p "$W/stamps"; printf '%s\n' "$2" > "$W/stamps/$1"; }

# kernel and initrds of the E2E_INITRD in use (debian12 keeps the paths it always had)
kver() { if [ "$E2E_INITRD" = debian13 ]; then cat "$D13/kver"; else cat "$W/kver"; fi; }
kernel_image() {
    if [ "$E2E_INITRD" = debian13 ]; then echo "$D13/root/kernel/boot/vmlinuz-$(kver)"
    else echo "$W/kernel/boot/vmlinuz-$(kver)"; fi
}
initrd_image() { # flavour
    if [ "$E2E_INITRD" = debian13 ] && [ "$1" != setup ]; then echo "$D13/initrd-$1.img"
    else echo "$W/initrd-$1.img"; fi
}
# Kernel command line words every boot of this E2E_INITRD gets. debian13: systemd 257's
# systemd-sysusers (run by dracut-ng at build time) writes a locked root account into the
# initrd, and sulogin then refuses the emergency shell ("Cannot open access to console, the root
# account is locked"); dracut-ng's dracut-emergency runs `sulogin -e` (a shell without password
# for a locked root) when the command line has SYSTEMD_SULOGIN_FORCE=1. Debian 12's initrd has
# dracut 059's passwordless root line instead.
initrd_cmdline() { if [ "$E2E_INITRD" = debian13 ]; then echo "SYSTEMD_SULOGIN_FORCE=1"; fi; }
# stamp and log names of one flavour's initrd: debian12 keeps its old ones
initrd_tag() { if [ "$E2E_INITRD" = debian13 ]; then echo "debian13-$1"; else echo "$1"; fi; }
logs_dir() { echo "$W/logs/$(initrd_tag "$1" | tr - /)"; }   # flavour -> logs/[debian13/]FLAVOUR

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
