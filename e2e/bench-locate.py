#!/usr/bin/env python3
"""make bench-locate: the E2E-FACT bench-locate lines of a boot of many-partitions-512 (the
e2e probe times `stagehand locate --timeout=0 SPEC` against `blkid -c /dev/null -t SPEC -o
device` on the guest's own devices before switch-root, alternating, 5 rounds each). Prints the
median of each in ms and their ratio; numbers only, nothing asserted (TCG makes every number
slow; the ratio is what compares).

    bench-locate.py SERIAL_LOG
"""
import re
import statistics
import sys


def main():
    text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
    runs = {"stagehand": [], "blkid": []}
    devices = found = None
    for m in re.finditer(r"E2E-FACT bench-locate: (\S+) (\S+)(?: (\S+))?", text):
        what, n, node = m.group(1), m.group(2), m.group(3)
        if what == "devices":
            devices = n
        elif what in runs:
            runs[what].append(int(n) / 1000.0)
            if node:
                found = found or node
            else:
                print("bench-locate: %s found nothing in one round" % what, file=sys.stderr)
    if not runs["stagehand"] or not runs["blkid"]:
        print("bench-locate: no timings in %s (was it a stagehand boot of many-partitions-512?)" % sys.argv[1],
              file=sys.stderr)
        return 1
    s, b = statistics.median(runs["stagehand"]), statistics.median(runs["blkid"])
    print("bench-locate: %s block devices, %s, median of %d rounds (guest under QEMU)" % (devices, found, len(runs["blkid"])))
    print("%-36s %10.1f" % ("stagehand locate --timeout=0 (ms)", s))
    print("%-36s %10.1f" % ("blkid -c /dev/null -t (ms)", b))
    print("%-36s %10.3f" % ("ratio stagehand / blkid", s / b))
    return 0


if __name__ == "__main__":
    sys.exit(main())
