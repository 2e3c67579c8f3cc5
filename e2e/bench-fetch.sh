#!/bin/bash
# make bench-fetch: time and peak memory to a ready /sysroot for a downloaded root of about
# 200 MB extracted, stagehand fetch against `curl | tar -x` in the same guest (scenario
# fetch-bench). Prints numbers only, asserts nothing (like bench-boot.sh).
#
# usage: bench-fetch.sh [--repeat N]
# The layer (made here once, stamped): the test root plus BENCH_MB files of 1 MiB of base64
# text from a seeded generator (compresses to about 3/4, as text and binaries do on a root),
# as one tar.zst in $E2E_WORK/fetch-bench-srv/bench/root.tar.zst.
# Raw logs: $E2E_WORK/logs/fetch/fetch-bench.serial.log (copied to bench/<timestamp>/).
set -uo pipefail
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"

repeat=1
while [ $# -gt 0 ]; do
    case $1 in
        --repeat) repeat=$2; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) die "unknown argument $1" ;;
    esac
    shift
done
[[ $repeat =~ ^[1-9][0-9]*$ ]] || die "--repeat wants a positive number"
BENCH_MB=${BENCH_MB:-200}

"$E2E_DIR/prepare.sh" --flavour fetch || die "prepare.sh failed"
srv=$W/fetch-bench-srv/bench
inputs="v1 $BENCH_MB $(cat "$W/stamps/rootfs" 2>/dev/null)"
if ! [ -f "$srv/root.tar.zst" ] || ! stamp_ok fetch-bench "$inputs"; then
    log "making the bench layer ($BENCH_MB MiB of data and the test root)"
    rm -rf "$W/fetch-bench-srv"; mkdir -p "$srv"
    t=$(mktemp -d); cp -a "$W/rootfs-src/." "$t/"
    "$PY" - "$t/usr/share/bench" "$BENCH_MB" <<'PY'
import base64, os, random, sys
d, n = sys.argv[1], int(sys.argv[2])
os.makedirs(d, exist_ok=True)
r = random.Random(1)
for i in range(n):
    raw = r.randbytes(786432)  # base64: 1 MiB of text
    with open(os.path.join(d, "data%03d.txt" % i), "wb") as f:
        f.write(base64.b64encode(raw))
PY
    tar --create --zstd --numeric-owner --owner=0 --group=0 --file="$srv/root.tar.zst" --directory="$t" .
    du -sb "$t" | cut -f1 > "$srv/extracted-bytes"
    rm -rf "$t"
    stamp_set fetch-bench "$inputs"
fi
extracted=$(cat "$srv/extracted-bytes"); compressed=$(stat -c %s "$srv/root.tar.zst")

out=$W/bench/fetch-$(date +%Y%m%d-%H%M%S); mkdir -p "$out"
printf '%-6s %10s %10s %8s %12s %12s %8s %8s\n' run curl-tar-s stagehand-s ratio curl-peak-MiB sh-peak-MiB sh/extr result
for r in $(seq 1 "$repeat"); do
    "$E2E_DIR/run.sh" --no-prepare --flavour fetch --jobs 1 fetch-bench > "$out/run$r.txt" 2>&1
    log=$(logs_dir fetch)/fetch-bench.serial.log
    cp "$log" "$out/run$r.serial.log" 2>/dev/null
    res=$(grep -o '^\(PASS\|FAIL\)' "$out/run$r.txt" | head -n1)
    "$PY" - "$log" "$extracted" "$r" "${res:-FAIL}" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
extracted, run, res = int(sys.argv[2]), sys.argv[3], sys.argv[4]
b = re.search(r"E2E-BENCH baseline start=([0-9.]+) end=([0-9.]+) rc=(\d+) peak=(\d+)", text)
s = re.search(r"stagehand: root file system downloaded: 1 layer, .* in ([0-9.]+) s", text)
p = re.search(r"E2E-BENCH stagehand end=[0-9.]+ peak=(\d+)", text)
if not (b and s and p):
    print("%-6s %10s %10s %8s %12s %12s %8s %8s" % (run, "-", "-", "-", "-", "-", "-", res))
    sys.exit(0)
base = float(b.group(2)) - float(b.group(1))
sh = float(s.group(1))
mib = 1024 * 1024
print("%-6s %10.1f %10.1f %8.2f %12.1f %12.1f %8.2f %8s" % (run, base, sh, sh / base, int(b.group(4)) / mib,
      int(p.group(1)) / mib, int(p.group(1)) / extracted, res))
PY
done
echo "layer: $(awk -v c="$compressed" 'BEGIN{printf "%.1f", c/1048576}') MiB compressed (zstd), $(awk -v e="$extracted" 'BEGIN{printf "%.1f", e/1048576}') MiB extracted; ratio = stagehand / curl|tar (target <= 1.1); sh/extr = stagehand's peak / extracted size (target <= 1.1); raw: $out"
