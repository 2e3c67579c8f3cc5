#!/bin/sh
# new-case.sh NAME [CMDLINE]: a case folder with the usual fake initrd root (initrd-release,
# fsck for ext4 and xfs, /proc/swaps). Then write root/etc/fstab etc., run
# `golden.py --update --only NAME -- target/stagehand`, and check the result against systemd
# (../oracle/golden-oracle.py) before committing it.
set -eu
d=$(dirname "$0")/cases/$1
[ ! -e "$d" ] || { echo "$d exists" >&2; exit 1; }
mkdir -p "$d/root/proc" "$d/root/etc" "$d/root/usr/sbin" "$d/root/sysroot/etc"
printf '%s\n' "${2:-}" > "$d/root/proc/cmdline"
: > "$d/root/etc/initrd-release"
printf 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n' > "$d/root/proc/swaps"
for f in fsck fsck.ext4 fsck.xfs; do printf '#!/bin/sh\n' > "$d/root/usr/sbin/$f"; chmod 755 "$d/root/usr/sbin/$f"; done
printf 'oracle: equal\n' > "$d/case.txt"
echo "$d"
