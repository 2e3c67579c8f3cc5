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

# Packages a fresh Debian 12 machine lacks (host tools; the initrd content comes from them too).
# dracut-network: Debian 12 ships dracut's network, network-legacy and url-lib modules there, not
# in dracut-core (the fetch flavour's downloaded root needs them); curl, xz-utils and tar are what
# stagehand fetch runs in that initrd. erofs-utils and squashfs-tools build the image roots.
E2E_PACKAGES="qemu-system-x86 qemu-utils dracut dracut-core dracut-network udev systemd cryptsetup cryptsetup-bin
  mdadm lvm2 busybox-static e2fsprogs cpio kmod zstd python3 coreutils curl xz-utils tar erofs-utils squashfs-tools fdisk"


log() { printf '%s\n' "e2e: $*" >&2; }
die() { printf '%s\n' "e2e: ERROR: $*" >&2; exit 1; }

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

kver() { cat "$W/kver"; }
kernel_image() { echo "$W/kernel/boot/vmlinuz-$(kver)"; }
initrd_image() { echo "$W/initrd-$1.img"; }   # flavour

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
