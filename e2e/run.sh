#!/bin/bash
# Boot e2e scenarios under QEMU (TCG) and check their markers.
#
# usage: run.sh [--flavour stock|stagehand|hooks|fetch] [--jobs N] [--no-prepare] [--append ARGS]
#               [--scenario-dir DIR] [--list] [SCENARIO...]
#   --flavour   initrd flavour (default: stagehand if target/stagehand exists, else stock)
#   --jobs      boots at a time (default 2; each VM uses one TCG vCPU)
#   --append    extra kernel command line for every boot (e.g. systemd.log_level=debug)
#   --scenario-dir  where the scenario files are (default e2e/scenarios; e2e-fuzz writes its own)
#   SCENARIO    names from that folder (default: all that apply to the flavour and E2E_INITRD)
# env: E2E_INITRD=debian12 (default) | debian13: whose dracut/systemd/kernel the initrds are from
#      (lib/common.sh); a scenario's INITRDS says where it applies
# Prints one line per scenario (PASS/FAIL, wall time) and finally exactly one line
# "e2e: N passed, M failed". Exit status 1 if any failed.
# Logs: $E2E_WORK/logs/[debian13/]FLAVOUR/SCENARIO.{serial.log,serial.log.times,result}
set -uo pipefail
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"

flavour="" jobs=${E2E_JOBS:-2} prepare=1 append=${E2E_APPEND:-} list=0 names=() sdir=$E2E_DIR/scenarios
while [ $# -gt 0 ]; do
    case $1 in
        --flavour) flavour=$2; shift ;;
        --flavour=*) flavour=${1#*=} ;;
        --jobs|-j) jobs=$2; shift ;;
        --jobs=*) jobs=${1#*=} ;;
        --no-prepare) prepare=0 ;;
        --append) append="$append $2"; shift ;;
        --scenario-dir) sdir=$(readlink -f "$2"); shift ;;
        --list) list=1 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        -*) die "unknown option $1" ;;
        *) names+=("${1%.sh}") ;;
    esac
    shift
done
if [ -z "$flavour" ]; then
    if [ -x "$STAGEHAND_BIN" ]; then flavour=stagehand; else flavour=stock; fi
fi
case $flavour in stock|stagehand|hooks|fetch) ;; *) die "unknown flavour $flavour" ;; esac
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "--jobs wants a positive number"

# scenario_vars NAME: print the scenario's settings (after defaults) as bash declarations
scenario_vars() { # NAME [BOOT]
    (
        FLAVOUR=$flavour BOOT=${2:-1}
        . "$E2E_DIR/lib/ids.env"
        . "$E2E_DIR/lib/scenario-defaults.sh"
        . "$sdir/$1.sh" || exit 1
        declare -p FLAVOURS DESCRIPTION DISKS LATE_DISKS CMDLINE STEPS EXPECT EXPECT_STOCK EXPECT_STAGEHAND \
            REJECT DONE TIMEOUT MEM QEMU_EXTRA RESCUE_STEPS BOOTS INITRD_FILES EMERGENCY_OK TIER HTTP_ROOT HTTP_ADDR HTTP_HOSTNAME HTTP_DOMAIN HTTP_MISBEHAVE HTTP_TLS HTTP_EXPECT HTTP_REJECT \
            INITRDS INITRDS_WHY
    )
}

applies() { # NAME -> true if the scenario applies to $flavour and $E2E_INITRD
    local FLAVOURS INITRDS; eval "$(scenario_vars "$1" | grep -e '^declare -- FLAVOURS=' -e '^declare -- INITRDS=')"
    [[ " $FLAVOURS " == *" $flavour "* ]] && [[ " $INITRDS " == *" $E2E_INITRD "* ]]
}

in_tier() { # NAME -> true for a check scenario, and for an all one when E2E_TIER is all (bench: never)
    local TIER; eval "$(scenario_vars "$1" | grep '^declare -- TIER=')"
    [ "$TIER" = check ] || { [ "$TIER" = all ] && [ "${E2E_TIER:-check}" = all ]; }
}

all=()
for f in "$sdir"/*.sh; do all+=("$(basename "$f" .sh)"); done
if [ $list = 1 ]; then
    for n in "${all[@]}"; do
        eval "$(scenario_vars "$n")"
        printf '%-28s %-18s %-19s %s\n' "$n" "[${FLAVOURS// /,}]" "[${INITRDS// /,}]" "$DESCRIPTION"
    done
    exit 0
fi
selected=()
if [ ${#names[@]} = 0 ]; then
    for n in "${all[@]}"; do applies "$n" && in_tier "$n" && selected+=("$n"); done
else
    for n in "${names[@]}"; do
        [ -f "$sdir/$n.sh" ] || die "no scenario '$n' (see: run.sh --list)"
        if applies "$n"; then selected+=("$n"); else
            INITRDS_WHY=""; eval "$(scenario_vars "$n" | grep '^declare -- INITRDS_WHY=')"
            log "skipping $n: does not apply to flavour $flavour on $E2E_INITRD${INITRDS_WHY:+ ($INITRDS_WHY)}"
        fi
    done
fi

if [ $prepare = 1 ]; then
    "$E2E_DIR/prepare.sh" --flavour "$flavour" || die "prepare.sh failed"
fi
KERNEL=$(kernel_image); INITRD=$(initrd_image "$flavour")
[ -f "$KERNEL" ] && [ -f "$INITRD" ] || die "kernel or initrd missing: run e2e/prepare.sh --flavour $flavour"
LOGDIR=$(logs_dir "$flavour"); mkdir -p "$LOGDIR"
label=$(initrd_tag "$flavour")   # what the result lines call the flavour (debian13-stagehand)

# boot_one NAME BOOT LOGNAME [OVERLAYS]: boot once with the scenario's settings for boot BOOT,
# write $LOGDIR/LOGNAME.{serial.log,result}. Without OVERLAYS the disks are the cached images
# under -snapshot (nothing is written back); with it, each disk is a qcow2 overlay in that folder
# (made on first use, kept for the scenario's later boots).
boot_one() {
    local name=$1 boot=$2 lname=$3 ovl=${4:-} d i args res img
    local FLAVOURS DESCRIPTION DISKS LATE_DISKS CMDLINE STEPS EXPECT EXPECT_STOCK EXPECT_STAGEHAND REJECT DONE TIMEOUT MEM QEMU_EXTRA RESCUE_STEPS BOOTS INITRD_FILES EMERGENCY_OK TIER HTTP_ROOT HTTP_ADDR HTTP_HOSTNAME HTTP_DOMAIN HTTP_MISBEHAVE HTTP_TLS HTTP_EXPECT HTTP_REJECT INITRDS INITRDS_WHY
    eval "$(scenario_vars "$name" "$boot")"
    local log=$LOGDIR/$lname.serial.log out=$LOGDIR/$lname.result initrd=$INITRD snap=-snapshot fmt=raw
    rm -f "$log" "$log.times" "$out"
    [ -n "$ovl" ] && snap="" fmt=qcow2
    disk() { # NAME -> image path for qemu (the overlay, made on first use), or fail
        [ -f "$W/disks/$1.img" ] || return 1
        if [ -z "$ovl" ]; then echo "$W/disks/$1.img"; return 0; fi
        [ -f "$ovl/$1.qcow2" ] || qemu-img create -q -f qcow2 -b "$W/disks/$1.img" -F raw "$ovl/$1.qcow2" >&2 || return 1
        echo "$ovl/$1.qcow2"
    }
    args=(); i=0
    for d in "${DISKS[@]}"; do
        if ! img=$(disk "$d"); then
            echo "result=FAIL wall=0 marker_wall=- uptime=- qemu_rc=- reason=no-disk-image:$d" > "$out"; return
        fi
        args+=(-drive "file=$img,format=$fmt,if=none,id=d$i,cache=unsafe"
               -device "virtio-blk-pci,drive=d$i,serial=$d")
        i=$((i+1))
    done
    for d in "${LATE_DISKS[@]}"; do   # backends only; a step plugs them in: $(hotplug_disk NAME)
        if ! img=$(disk "$d"); then
            echo "result=FAIL wall=0 marker_wall=- uptime=- qemu_rc=- reason=no-disk-image:$d" > "$out"; return
        fi
        args+=(-drive "file=$img,format=$fmt,if=none,id=late-$d,cache=unsafe")
    done
    if [ ${#INITRD_FILES[@]} -gt 0 ]; then
        # the flavour's initrd with a second (uncompressed) cpio appended: the kernel unpacks
        # both, later files win. Only this scenario sees these files. The kernel takes an
        # uncompressed cpio only at a 4-byte aligned offset (and skips zero bytes between
        # archives); unpadded it said "Initramfs unpacking failed: invalid magic at start of
        # compressed archive" and ignored the files.
        local x=$LOGDIR/$lname.initrd-extra e
        rm -rf "$x"; mkdir -p "$x/root"
        for e in "${INITRD_FILES[@]}"; do
            mkdir -p "$x/root/$(dirname "${e%%=*}")"; printf '%s' "${e#*=}" > "$x/root/${e%%=*}"
        done
        (cd "$x/root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) > "$x/extra.cpio"
        cp "$INITRD" "$x/initrd.img"
        truncate -s %512 "$x/initrd.img"
        cat "$x/extra.cpio" >> "$x/initrd.img"
        initrd=$x/initrd.img
    fi
    local net=() server=""
    if [ -n "$HTTP_ROOT" ]; then
        # the guest's only network: QEMU user networking with restrict=on (no route to the host
        # or anywhere else), its DHCP giving host and domain name, and one guestfwd: TCP to
        # $HTTP_ADDR:80 runs tcp-relay.py per connection, to lib/layer-server.py on the host's
        # 127.0.0.1 (a free port), which serves HTTP_ROOT and logs to NAME.http.log
        # (HTTP_MISBEHAVE: rules of lib/layer-server.py; HTTP_TLS=yes: https too, with the
        # certificate prepare.sh made, from $HTTP_ADDR:443 by a second guestfwd)
        rm -f "$LOGDIR/$lname.http.port" "$LOGDIR/$lname.https.port" "$LOGDIR/$lname.http.log"
        local srv=(--root "$HTTP_ROOT" --port-file "$LOGDIR/$lname.http.port" --log "$LOGDIR/$lname.http.log") fwd rule
        for rule in "${HTTP_MISBEHAVE[@]}"; do srv+=(--misbehave "$rule"); done
        [ "$HTTP_TLS" = yes ] && srv+=(--tls-cert "$W/fetch-tls/server.pem" --tls-key "$W/fetch-tls/server.key"
                                       --tls-port-file "$LOGDIR/$lname.https.port")
        "$PY" "$E2E_DIR/lib/layer-server.py" "${srv[@]}" 2> "$LOGDIR/$lname.http.err" &
        server=$!
        for _ in $(seq 50); do
            [ -s "$LOGDIR/$lname.http.port" ] && { [ "$HTTP_TLS" != yes ] || [ -s "$LOGDIR/$lname.https.port" ]; } && break
            sleep 0.1
        done
        if ! [ -s "$LOGDIR/$lname.http.port" ] || { [ "$HTTP_TLS" = yes ] && ! [ -s "$LOGDIR/$lname.https.port" ]; }; then
            kill "$server" 2>/dev/null
            echo "result=FAIL wall=0 marker_wall=- uptime=- qemu_rc=- reason=http-server-did-not-start" > "$out"; return
        fi
        fwd="guestfwd=tcp:$HTTP_ADDR:80-cmd:$PY $E2E_DIR/lib/tcp-relay.py 127.0.0.1 $(cat "$LOGDIR/$lname.http.port")"
        [ "$HTTP_TLS" = yes ] &&
            fwd+=",guestfwd=tcp:$HTTP_ADDR:443-cmd:$PY $E2E_DIR/lib/tcp-relay.py 127.0.0.1 $(cat "$LOGDIR/$lname.https.port")"
        net=(-netdev "user,id=n0,restrict=on,hostname=$HTTP_HOSTNAME,domainname=$HTTP_DOMAIN,$fwd"
             -device virtio-net-pci,netdev=n0)
    fi
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
    [ -n "$EMERGENCY_OK" ] && chk+=(--emergency-ok "$EMERGENCY_OK")
    local cmdline="console=ttyS0 panic=-1 $CMDLINE${append:+ $append}" extra_words
    extra_words=$(initrd_cmdline)
    [ -n "$extra_words" ] && cmdline+=" $extra_words"
    echo "# $flavour/$name${ovl:+ boot $boot}: $cmdline" > "$log.cmd"
    # outer watchdog in case the driver itself hangs (--foreground: signals reach the driver,
    # which then kills its qemu; the pid file lets run.sh's trap stop it on ^C / TERM)
    timeout --foreground -k 10 $((TIMEOUT + 60)) "$PY" "$E2E_DIR/lib/qemu-drive.py" --log "$log" \
        --timeout "$TIMEOUT" --done "$DONE" "${chk[@]}" -- \
        qemu-system-x86_64 -accel tcg -cpu qemu64 -smp 1 -m "$MEM" -nodefaults -no-reboot -display none \
        $snap -kernel "$KERNEL" -initrd "$initrd" "${args[@]}" "${net[@]}" "${QEMU_EXTRA[@]}" \
        -append "$cmdline" > "$out.tmp" 2> "$LOGDIR/$lname.driver.err" &
    echo $! > "$LOGDIR/$name.pid"
    wait $!
    rm -f "$LOGDIR/$name.pid"
    if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
    res=$(tail -n1 "$out.tmp")
    [ -n "$res" ] || res="result=FAIL wall=- marker_wall=- uptime=- qemu_rc=- reason=driver-failed(see-$lname.driver.err)"
    if [ -n "$HTTP_ROOT" ] && [[ $res == result=PASS* ]]; then
        # what the server saw: HTTP_EXPECT must each be in its log, HTTP_REJECT none
        for s in "${HTTP_EXPECT[@]}"; do
            grep -Eq -- "$s" "$LOGDIR/$lname.http.log" 2>/dev/null ||
                { res="${res/result=PASS/result=FAIL} reason=http-log-lacks:${s// /_}"; break; }
        done
        for s in "${HTTP_REJECT[@]}"; do
            ! grep -Eq -- "$s" "$LOGDIR/$lname.http.log" 2>/dev/null ||
                { res="${res/result=PASS/result=FAIL} reason=http-log-has:${s// /_}"; break; }
        done
    fi
    echo "$res" > "$out"; rm -f "$out.tmp"
}

run_one() { # NAME: boot the scenario (BOOTS times, on disks kept across its boots), write $LOGDIR/NAME.result
    local name=$1 BOOTS b r w total=0
    eval "$(scenario_vars "$name" | grep '^declare -- BOOTS=')"
    if [ "$BOOTS" = 1 ]; then boot_one "$name" 1 "$name"; return; fi
    local ovl=$LOGDIR/$name.disks out=$LOGDIR/$name.result
    rm -rf "$ovl" "$out" "$LOGDIR/$name".boot[0-9]*; mkdir -p "$ovl"
    for b in $(seq 1 "$BOOTS"); do
        boot_one "$name" "$b" "$name.boot$b" "$ovl"
        r=$(cat "$LOGDIR/$name.boot$b.result")
        w=$(field "$LOGDIR/$name.boot$b.result" wall)
        total=$(awk -v a="$total" -v b="${w/-/0}" 'BEGIN { printf "%.1f", a + b }')
        if [ "$(field "$LOGDIR/$name.boot$b.result" result)" != PASS ] || [ "$b" = "$BOOTS" ]; then
            # the last boot's line (or the failing one's), the walls summed, the boot named
            r=$(sed -e "s/\bwall=[^ ]*/wall=$total/" -e "s/\breason=/log=$name.boot$b reason=boot$b:/" <<< "$r")
            echo "$r" > "$out"
            break
        fi
    done
    rm -rf "$ovl"
}

field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" "$1"; }

report() { # NAME
    local out=$LOGDIR/$1.result r wall up why lg
    r=$(field "$out" result); wall=$(field "$out" wall); up=$(field "$out" uptime); why=$(field "$out" reason)
    lg=$(field "$out" log); lg=${lg:-$1}
    if [ "$r" = PASS ]; then
        passed=$((passed+1))
        [ "$up" = - ] && up="" || up="marker-uptime ${up}s"
        printf '%-4s %-9s %-26s wall %6ss  %s\n' PASS "$label" "$1" "$wall" "$up"
    else
        failed=$((failed+1))
        printf '%-4s %-9s %-26s wall %6ss  %s  log: %s\n' FAIL "$label" "$1" "$wall" "$why" "$LOGDIR/$lg.serial.log"
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
log "flavour $flavour ($E2E_INITRD), ${#selected[@]} scenario(s), jobs $jobs, total $(elapsed "$t0")s"
echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
