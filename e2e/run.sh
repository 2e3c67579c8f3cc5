#!/bin/bash
# Boot e2e scenarios under QEMU (TCG) and check their markers.
#
# usage: run.sh [--flavour stock|stagehand|hooks] [--jobs N] [--no-prepare] [--append ARGS]
#               [--list] [SCENARIO...]
#   --flavour   initrd flavour (default: stagehand if target/stagehand exists, else stock)
#   --jobs      boots at a time (default 2; each VM uses one TCG vCPU)
#   --append    extra kernel command line for every boot (e.g. systemd.log_level=debug)
#   SCENARIO    names from e2e/scenarios/ (default: all that apply to the flavour)
# Prints one line per scenario (PASS/FAIL, wall time) and finally exactly one line
# "e2e: N passed, M failed". Exit status 1 if any failed.
# Logs: $E2E_WORK/logs/FLAVOUR/SCENARIO.{serial.log,serial.log.times,result}
set -uo pipefail
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"

flavour="" jobs=${E2E_JOBS:-2} prepare=1 append=${E2E_APPEND:-} list=0 names=()
while [ $# -gt 0 ]; do
    case $1 in
        --flavour) flavour=$2; shift ;;
        --flavour=*) flavour=${1#*=} ;;
        --jobs|-j) jobs=$2; shift ;;
        --jobs=*) jobs=${1#*=} ;;
        --no-prepare) prepare=0 ;;
        --append) append="$append $2"; shift ;;
        --list) list=1 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        -*) die "unknown option $1" ;;
        *) names+=("${1%.sh}") ;;
    esac
    shift
done
if [ -z "$flavour" ]; then
    if [ -x "$STAGEHAND_BIN" ]; then flavour=stagehand; else flavour=stock; fi
fi
case $flavour in stock|stagehand|hooks) ;; *) die "unknown flavour $flavour" ;; esac
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "--jobs wants a positive number"

# scenario_vars NAME: print the scenario's settings (after defaults) as bash declarations
scenario_vars() {
    (
        FLAVOUR=$flavour
        . "$E2E_DIR/lib/ids.env"
        . "$E2E_DIR/lib/scenario-defaults.sh"
        . "$E2E_DIR/scenarios/$1.sh" || exit 1
        declare -p FLAVOURS DESCRIPTION DISKS LATE_DISKS CMDLINE STEPS EXPECT EXPECT_STOCK EXPECT_STAGEHAND \
            REJECT DONE TIMEOUT MEM QEMU_EXTRA RESCUE_STEPS
    )
}

applies() { # NAME -> true if the scenario applies to $flavour
    local FLAVOURS; eval "$(scenario_vars "$1" | grep '^declare -- FLAVOURS=')"
    [[ " $FLAVOURS " == *" $flavour "* ]]
}

all=()
for f in "$E2E_DIR"/scenarios/*.sh; do all+=("$(basename "$f" .sh)"); done
if [ $list = 1 ]; then
    for n in "${all[@]}"; do
        eval "$(scenario_vars "$n")"
        printf '%-28s %-18s %s\n' "$n" "[${FLAVOURS// /,}]" "$DESCRIPTION"
    done
    exit 0
fi
selected=()
if [ ${#names[@]} = 0 ]; then
    for n in "${all[@]}"; do applies "$n" && selected+=("$n"); done
else
    for n in "${names[@]}"; do
        [ -f "$E2E_DIR/scenarios/$n.sh" ] || die "no scenario '$n' (see: run.sh --list)"
        if applies "$n"; then selected+=("$n"); else log "skipping $n: does not apply to flavour $flavour"; fi
    done
fi

if [ $prepare = 1 ]; then
    "$E2E_DIR/prepare.sh" --flavour "$flavour" || die "prepare.sh failed"
fi
KERNEL=$(kernel_image); INITRD=$(initrd_image "$flavour")
[ -f "$KERNEL" ] && [ -f "$INITRD" ] || die "kernel or initrd missing: run e2e/prepare.sh --flavour $flavour"
LOGDIR=$W/logs/$flavour; mkdir -p "$LOGDIR"

run_one() { # NAME: boot once, write $LOGDIR/NAME.result
    local name=$1 d i args res
    local FLAVOURS DESCRIPTION DISKS LATE_DISKS CMDLINE STEPS EXPECT EXPECT_STOCK EXPECT_STAGEHAND REJECT DONE TIMEOUT MEM QEMU_EXTRA RESCUE_STEPS
    eval "$(scenario_vars "$name")"
    local log=$LOGDIR/$name.serial.log out=$LOGDIR/$name.result
    rm -f "$log" "$log.times" "$out"
    args=(); i=0
    for d in "${DISKS[@]}"; do
        if [ ! -f "$W/disks/$d.img" ]; then
            echo "result=FAIL wall=0 marker_wall=- uptime=- qemu_rc=- reason=no-disk-image:$d" > "$out"; return
        fi
        args+=(-drive "file=$W/disks/$d.img,format=raw,if=none,id=d$i,cache=unsafe"
               -device "virtio-blk-pci,drive=d$i,serial=$d")
        i=$((i+1))
    done
    for d in "${LATE_DISKS[@]}"; do   # backends only; a step plugs them in: $(hotplug_disk NAME)
        if [ ! -f "$W/disks/$d.img" ]; then
            echo "result=FAIL wall=0 marker_wall=- uptime=- qemu_rc=- reason=no-disk-image:$d" > "$out"; return
        fi
        args+=(-drive "file=$W/disks/$d.img,format=raw,if=none,id=late-$d,cache=unsafe")
    done
    local chk=() s
    for s in "${STEPS[@]}"; do chk+=(--step "$s"); done
    for s in "${EXPECT[@]}"; do chk+=(--expect "$s"); done
    if [ "$flavour" = stock ]; then for s in "${EXPECT_STOCK[@]}"; do chk+=(--expect "$s"); done; fi
    if [ "$flavour" != stock ]; then for s in "${EXPECT_STAGEHAND[@]}"; do chk+=(--expect "$s"); done; fi
    for s in "${REJECT[@]}"; do
        chk+=(--reject "$s")
        if [ "$s" = 'Entering emergency mode' ]; then   # unexpected emergency: collect evidence
            chk+=(--rescue-trigger "$s"); for r in "${RESCUE_STEPS[@]}"; do chk+=(--rescue "$r"); done
        fi
    done
    local cmdline="console=ttyS0 panic=-1 $CMDLINE${append:+ $append}"
    echo "# $flavour/$name: $cmdline" > "$log.cmd"
    # outer watchdog in case the driver itself hangs (--foreground: signals reach the driver,
    # which then kills its qemu; the pid file lets run.sh's trap stop it on ^C / TERM)
    timeout --foreground -k 10 $((TIMEOUT + 60)) "$PY" "$E2E_DIR/lib/qemu-drive.py" --log "$log" \
        --timeout "$TIMEOUT" --done "$DONE" "${chk[@]}" -- \
        qemu-system-x86_64 -accel tcg -cpu qemu64 -smp 1 -m "$MEM" -nodefaults -no-reboot -display none \
        -snapshot -kernel "$KERNEL" -initrd "$INITRD" "${args[@]}" "${QEMU_EXTRA[@]}" \
        -append "$cmdline" > "$out.tmp" 2> "$LOGDIR/$name.driver.err" &
    echo $! > "$LOGDIR/$name.pid"
    wait $!
    rm -f "$LOGDIR/$name.pid"
    res=$(tail -n1 "$out.tmp")
    [ -n "$res" ] || res="result=FAIL wall=- marker_wall=- uptime=- qemu_rc=- reason=driver-failed(see-$name.driver.err)"
    echo "$res" > "$out"; rm -f "$out.tmp"
}

field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" "$1"; }

report() { # NAME
    local out=$LOGDIR/$1.result r wall up why
    r=$(field "$out" result); wall=$(field "$out" wall); up=$(field "$out" uptime); why=$(field "$out" reason)
    if [ "$r" = PASS ]; then
        passed=$((passed+1))
        [ "$up" = - ] && up="" || up="marker-uptime ${up}s"
        printf '%-4s %-9s %-26s wall %6ss  %s\n' PASS "$flavour" "$1" "$wall" "$up"
    else
        failed=$((failed+1))
        printf '%-4s %-9s %-26s wall %6ss  %s  log: %s\n' FAIL "$flavour" "$1" "$wall" "$why" "$LOGDIR/$1.serial.log"
    fi
}

passed=0 failed=0
declare -A running=()
stop_all() {
    local f
    trap - INT TERM
    for f in "$LOGDIR"/*.pid; do [ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null; done
    wait
    log "interrupted"
    exit 130
}
trap stop_all INT TERM
t0=$(now)
for n in "${selected[@]}"; do
    while [ ${#running[@]} -ge "$jobs" ]; do
        wait -n -p done_pid; report "${running[$done_pid]}"; unset "running[$done_pid]"
    done
    run_one "$n" &
    running[$!]=$n
done
while [ ${#running[@]} -gt 0 ]; do
    wait -n -p done_pid; report "${running[$done_pid]}"; unset "running[$done_pid]"
done
log "flavour $flavour, ${#selected[@]} scenario(s), jobs $jobs, total $(elapsed "$t0")s"
echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
