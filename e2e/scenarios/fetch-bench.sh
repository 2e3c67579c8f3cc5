# make bench-fetch (e2e/bench-fetch.sh): a root of about 200 MB extracted, one zstd layer made
# by bench-fetch.sh, downloaded twice in the same guest at the same point of the boot: first by
# `curl | tar -x` into a tmpfs of its own (an ExecStartPre= of stagehand-fetch.service, which
# this boot's initrd adds, in a cgroup of its own), then by stagehand fetch into
# /sysroot. Each prints its start and end (uptime) and the peak memory of its cgroup (tmpfs
# pages count to the cgroup that wrote them, so the peak holds the extracted root).
# Prints numbers; bench-fetch.sh compares them. Never booted by make check or e2e-all.
DESCRIPTION="bench: a ~200 MB root by stagehand fetch against curl | tar in the same guest"
FLAVOURS="fetch"
TIER=bench
HTTP_ROOT=$W/fetch-bench-srv
MEM=2048
BENCH_URL="http://$HTTP_ADDR/bench/root.tar.zst"
INITRD_FILES=("etc/systemd/system/stagehand-fetch.service.d/zz-e2e-bench.conf=[Service]
ExecStartPre=/bin/sh /usr/lib/e2e-bench-baseline $BENCH_URL
ExecStartPost=/bin/sh /usr/lib/e2e-bench-peak
"
'usr/lib/e2e-bench-baseline=#!/bin/sh
# curl | tar -x (the same tar options as stagehand fetch) into a tmpfs of its own, then it goes;
# in a cgroup of its own (the initrd has no D-Bus for systemd-run), so that its peak is its own
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
cg=/sys/fs/cgroup/e2e-bench-baseline
mkdir -p $cg && echo $$ > $cg/cgroup.procs
d=/run/e2e-bench
mkdir -p $d && mount -t tmpfs -o size=1200m,mode=0755 tmpfs $d
read t0 rest < /proc/uptime
curl -sS --fail "$1" | tar --extract --file=- --directory=$d --preserve-permissions --same-owner --numeric-owner --xattrs "--xattrs-include=*" --zstd
rc=$?
read t1 rest < /proc/uptime
echo "E2E-BENCH baseline start=$t0 end=$t1 rc=$rc peak=$(cat $cg/memory.peak)" > /dev/console
umount $d
'
'usr/lib/e2e-bench-peak=#!/bin/sh
read t rest < /proc/uptime
echo "E2E-BENCH stagehand end=$t peak=$(cat /sys/fs/cgroup/system.slice/stagehand-fetch.service/memory.peak)" > /dev/console
')
CMDLINE="ip=dhcp root=$BENCH_URL rootsize=1200m rd.stagehand.fetch.timeout=20min"
EXPECT+=('E2E-BENCH baseline start=[0-9.]+ end=[0-9.]+ rc=0 peak=[0-9]+'
         'E2E-BENCH stagehand end=[0-9.]+ peak=[0-9]+'
         'stagehand: root file system downloaded: 1 layer')
TIMEOUT=1500
