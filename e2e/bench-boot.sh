#!/bin/bash
# Boot the same scenarios with the stock and the stagehand initrd and print, per scenario, the
# boot time of each and their ratio (stagehand / stock). Prints numbers only, asserts nothing.
#
# usage: bench-boot.sh [--repeat N] [--jobs N] [--initrds "debian12 debian13"] [SCENARIO...]
#   --repeat  boots per scenario and flavour (default 1); the median is printed
#   --jobs    boots at a time (default 1: a neighbouring VM on a 2-core machine adds noise)
#   --initrds which E2E_INITRDs to boot (default both): a group of columns each, stock vs
#             stagehand within one (across them the kernels differ too: compare the ratios)
# Time measured: "boot" = guest /proc/uptime printed by the test root's init with the root
# marker, i.e. kernel start -> root mounted and switched to (TCG emulation, so absolute values
# are ~10x a real machine; compare the ratio). "wall" = host seconds from qemu start to exit.
# "input" = host seconds from the last answer typed on the console (a passphrase) to the root
# marker: what the person at the prompt waits after typing (fsck-early-luks); "-" without one.
# Scenarios without a root marker (emergency ones) only have wall time.
# Raw results: $E2E_WORK/bench/<timestamp>/<initrd>-<flavour>/<scenario>.<n>.result
set -uo pipefail
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"

repeat=1 jobs=1 names=() initrds="debian12 debian13"
while [ $# -gt 0 ]; do
    case $1 in
        --repeat) repeat=$2; shift ;;
        --jobs|-j) jobs=$2; shift ;;
        --initrds) initrds=$2; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        -*) die "unknown option $1" ;;
        *) names+=("${1%.sh}") ;;
    esac
    shift
done
[[ $repeat =~ ^[1-9][0-9]*$ ]] || die "--repeat wants a positive number"

flavours=(stock stagehand)
if [ ! -x "$STAGEHAND_BIN" ]; then
    log "no stagehand binary at $STAGEHAND_BIN (make native): benchmarking stock only"
    flavours=(stock)
fi
for i in $initrds; do
    case $i in debian12|debian13) ;; *) die "--initrds: debian12 or debian13, not $i" ;; esac
    E2E_INITRD=$i "$E2E_DIR/prepare.sh" $(printf -- '--flavour %s ' "${flavours[@]}") || die "prepare.sh failed ($i)"
done

out=$W/bench/$(date +%Y%m%d-%H%M%S); mkdir -p "$out"
if [ ${#names[@]} = 0 ]; then
    for f in "$E2E_DIR"/scenarios/*.sh; do names+=("$(basename "$f" .sh)"); done
fi
for r in $(seq 1 "$repeat"); do
    for i in $initrds; do
        for fl in "${flavours[@]}"; do     # alternate flavours each round to spread drift
            log "round $r/$repeat: $i $fl"
            E2E_INITRD=$i "$E2E_DIR/run.sh" --no-prepare --flavour "$fl" --jobs "$jobs" "${names[@]}" | sed 's/^/  /' >&2
            mkdir -p "$out/$i-$fl"
            ld=$(E2E_INITRD=$i; logs_dir "$fl")
            for n in "${names[@]}"; do
                [ -f "$ld/$n.result" ] && cp "$ld/$n.result" "$out/$i-$fl/$n.$r.result"
            done
        done
    done
done

# median of the values of FIELD over the PASSing results of one scenario+flavour ("-" if none)
median() { # flavour scenario field
    local f vals=()
    for f in "$out/$1/$2".*.result; do
        [ -f "$f" ] || continue
        grep -q 'result=PASS' "$f" || continue
        v=$(sed -n "s/.*\b$3=\([0-9.]*\)\( .*\)\?$/\1/p" "$f")
        [ -n "$v" ] && vals+=("$v")
    done
    [ ${#vals[@]} = 0 ] && { echo -; return; }
    printf '%s\n' "${vals[@]}" | sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a=="-"||b=="-"||a==0) print "-"; else printf "%.2f", b/a }'; }

echo "bench-boot: median of $repeat boot(s) per cell, jobs $jobs, TCG; boot = guest uptime at root marker (s), wall = host s, input = host s from the typed answer to the marker"
# one group of columns per initrd: boot, wall and input, each stock, stagehand and their ratio
short() { case $1 in debian12) echo d12 ;; debian13) echo d13 ;; esac; }
printf '%-26s' scenario
for i in $initrds; do
    s=$(short "$i")
    printf ' %11s %11s %6s %11s %11s %6s %12s %12s %6s' "boot-$s-st" "boot-$s-sh" ratio "wall-$s-st" "wall-$s-sh" ratio \
        "input-$s-st" "input-$s-sh" ratio
done
echo
for n in "${names[@]}"; do
    printf '%-26s' "$n"
    for i in $initrds; do
        bs=$(median "$i-stock" "$n" uptime); ws=$(median "$i-stock" "$n" wall); is=$(median "$i-stock" "$n" after_input)
        bh=-; wh=-; ih=-
        if [ ${#flavours[@]} = 2 ]; then
            bh=$(median "$i-stagehand" "$n" uptime); wh=$(median "$i-stagehand" "$n" wall); ih=$(median "$i-stagehand" "$n" after_input)
        fi
        printf ' %11s %11s %6s %11s %11s %6s %12s %12s %6s' "$bs" "$bh" "$(ratio "$bs" "$bh")" "$ws" "$wh" "$(ratio "$ws" "$wh")" \
            "$is" "$ih" "$(ratio "$is" "$ih")"
    done
    echo
done
echo "raw results: $out"
