#!/bin/sh
# make demo: the generator on a built-in example (demo/root is read as "/"), tree printed.
set -eu
bin=${1:?usage: run.sh STAGEHAND_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== input: kernel command line"
cat "$here/root/proc/cmdline"
echo "== input: /sysroot/etc/fstab"
cat "$here/root/sysroot/etc/fstab"
echo "== stagehand-generator $out"
env -i PATH=/usr/sbin:/usr/bin STAGEHAND_ROOT="$here/root" "$bin" generate "$out"
cd "$out"
find . -mindepth 1 | sort | while read -r p; do
    if [ -L "$p" ]; then echo "== ${p#./} -> $(readlink "$p")"
    elif [ -f "$p" ]; then echo "== ${p#./}"; cat "$p"
    fi
done
