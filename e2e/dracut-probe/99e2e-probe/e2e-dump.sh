#!/bin/bash
mkdir -p /run/e2e
for g in generator generator.early generator.late; do
    [ -d "/run/systemd/$g" ] && cp -a "/run/systemd/$g" "/run/e2e/$g"
done
case " $(cat /proc/cmdline) " in
    *" e2e.journal "*) journalctl -b --no-pager -o short-monotonic > /run/e2e/journal.txt 2>&1 ;;
esac
# e2e.bench-locate=SPEC (make bench-locate): `stagehand locate SPEC` against `blkid -t SPEC -o
# device` (no cache, as udev's probes: every block device opened and probed) on the devices of
# this boot, 5 rounds, alternating; microseconds of each run ($EPOCHREALTIME, bash 5)
for w in $(cat /proc/cmdline); do
    case $w in e2e.bench-locate=*) spec=${w#e2e.bench-locate=} ;; esac
done
if [ -n "${spec:-}" ]; then
    us() { local t=${EPOCHREALTIME/./}; echo "${t#0}"; }
    {
        n=0
        for d in /sys/class/block/*; do n=$((n + 1)); done
        echo "devices $n"
        for i in 1 2 3 4 5; do
            if [ -x /usr/bin/stagehand ]; then
                t0=$(us); got=$(/usr/bin/stagehand locate --timeout=0 "$spec" 2>/dev/null); t1=$(us)
                echo "stagehand $((t1 - t0)) $got"
            fi
            t0=$(us); got=$(blkid -c /dev/null -t "$spec" -o device 2>/dev/null); t1=$(us)
            echo "blkid $((t1 - t0)) $got"
        done
    } > /run/e2e/bench-locate.txt 2>&1
fi
exit 0
