#!/usr/bin/env python3
"""Runs systemd 257's generators on every golden case and compares with the case's expected
tree by meaning (../../../../shared/oracle/unitdiff.py, strict).

    golden-oracle.py --oracle RUN --generators DIR [--only NAME] [--update]

case.txt says what must come out: "oracle: equal" (same units), "oracle: differs" (an
intended difference, with "why:", listed in docs/differences.md) or "oracle: none" (systemd
cannot run the input the same way here, e.g. it needs /sysroot on this machine; "why:" says so).

A "differs" case keeps the difference it excuses in oracle.diff: unitdiff's lines (missing,
conflict, extra) without the extras that are always allowed (stagehand's own units). The run
fails when the difference is another one, so an excuse covers the entries it was written for,
never a new difference in the same case. --update rewrites oracle.diff (review the diff!).

systemd gets the case's inputs through its own test variables (SYSTEMD_PROC_CMDLINE,
SYSTEMD_IN_INITRD, SYSTEMD_FSTAB, SYSTEMD_SYSROOT_FSTAB, SYSTEMD_CRYPTTAB), PATH pointing into
the fake root (for its fsck lookup), and runs as PID 1 of a new pid namespace with
container="" so that this machine's /.dockerenv does not make it skip swap entries.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "golden", "cases")
UNITDIFF = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "oracle", "unitdiff.py"))
GENERATORS = ["systemd-fstab-generator", "systemd-cryptsetup-generator"]
UNSHARE = shutil.which("unshare") or "/usr/bin/unshare"
# units that are stagehand's own additions (the root wait, the md and LVM policies): listed by unitdiff, never a failure
OURS = [r"stagehand-rootwait", r"stagehand-locate", r"stagehand-md-degraded@", r"stagehand-lvm-activate@"]


def read_case(case):
    info = {"oracle": "equal", "why": "", "allow-extra": []}
    for line in open(os.path.join(case, "case.txt"), encoding="utf-8"):
        k, sep, v = line.partition(":")
        if not sep:
            continue
        k = k.strip()
        if k == "allow-extra":
            info[k].append(v.strip())
        elif k in info:
            info[k] = v.strip()
    return info


def difference(unitdiff_out, allowed):
    """unitdiff's entries that make a difference: all but the final verdict and allowed extras."""
    out = []
    for line in unitdiff_out.splitlines():
        kind, sep, path = line.partition(": ")
        if not sep:
            continue  # "different" / "equal"
        if kind == "extra" and any(re.search(rx, path) for rx in allowed):
            continue
        out.append(line)
    return "".join(l + "\n" for l in out)


def case_env(case, root):
    env = {"PATH": f"{root}/usr/sbin:{root}/usr/bin", "SYSTEMD_LOG_LEVEL": "debug", "SYSTEMD_LOG_TARGET": "console",
           "container": "", "SYSTEMD_FSTAB": f"{root}/etc/fstab",
           "SYSTEMD_SYSROOT_FSTAB": f"{root}/sysroot/etc/fstab", "SYSTEMD_CRYPTTAB": f"{root}/etc/crypttab",
           "SYSTEMD_IN_INITRD": "1" if os.path.exists(f"{root}/etc/initrd-release") else "0"}
    with open(f"{root}/proc/cmdline", "rb") as f:
        env["SYSTEMD_PROC_CMDLINE"] = f.read().split(b"\0")[0].decode("latin-1")
    extra = os.path.join(case, "env")
    if os.path.exists(extra):
        for line in open(extra):
            line = line.strip()
            if line and not line.startswith("#"):
                k, _, v = line.partition("=")
                env[k] = v
    return {k: v.encode("latin-1") for k, v in env.items()}


def main():
    sys.stdout.reconfigure(errors="backslashreplace")  # file names need not be UTF-8
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--generators", required=True)
    ap.add_argument("--only")
    ap.add_argument("--update", action="store_true", help="rewrite oracle.diff of the 'differs' cases")
    a = ap.parse_args()
    bad = counts = 0
    tally = {"equal": 0, "differs": 0, "none": 0}
    for name in sorted(os.listdir(CASES)):
        case = os.path.join(CASES, name)
        if not os.path.isdir(case) or (a.only and a.only not in name):
            continue
        info = read_case(case)
        tally[info["oracle"]] = tally.get(info["oracle"], 0) + 1
        if info["oracle"] == "none":
            continue
        counts += 1
        root = os.path.join(case, "root")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "systemd")
            os.mkdir(out)
            log = b""
            three = os.path.exists(os.path.join(case, "three-dirs"))
            dirs = [out, out + "-early", out + "-late"] if three else [out, out, out]
            for d in dirs:
                os.makedirs(d, exist_ok=True)
            for g in GENERATORS:
                p = subprocess.run([UNSHARE, "-fp", "--mount-proc", "/bin/bash", a.oracle, os.path.join(a.generators, g)]
                                   + dirs, env=case_env(case, root), capture_output=True, cwd="/", timeout=60)
                log += p.stderr
            if three:  # laid out as golden.py does: the early and late trees under @early/ and @late/
                for name_, d in (("@early", dirs[1]), ("@late", dirs[2])):
                    if os.listdir(d):
                        shutil.copytree(d, os.path.join(out, name_), symlinks=True)
            allowed = OURS + info["allow-extra"]
            args = [sys.executable, UNITDIFF, "--strict"]
            for x in allowed:
                args += ["--allow-extra", x]
            d = subprocess.run(args + [out, os.path.join(case, "expected")], capture_output=True, text=True,
                               errors="surrogateescape")
            equal = d.returncode == 0
            want_equal = info["oracle"] == "equal"
            if equal != want_equal:
                bad += 1
                print(f"FAIL {name}: oracle: {info['oracle']} but unitdiff says {'equal' if equal else 'different'}")
                print("  " + d.stdout.strip().replace("\n", "\n  "))
                print("  systemd said:\n    " + log.decode("latin-1").strip().replace("\n", "\n    "))
            elif not equal:
                stored = os.path.join(case, "oracle.diff")
                got = difference(d.stdout, allowed)
                want = open(stored, encoding="utf-8", errors="surrogateescape").read() if os.path.exists(stored) else None
                if a.update and got != want:
                    with open(stored, "w", encoding="utf-8", errors="surrogateescape") as f:
                        f.write(got)
                    print(f"updated {name}/oracle.diff")
                elif got != want:
                    bad += 1
                    print(f"FAIL {name}: the difference from systemd is not the one oracle.diff excuses"
                          + ("" if want is not None else " (there is no oracle.diff: run with --update and review it)"))
                    wl, gl = set((want or "").splitlines()), set(got.splitlines())
                    for l in sorted(gl - wl):
                        print("  new:  " + l)
                    for l in sorted(wl - gl):
                        print("  gone: " + l)
                else:
                    print(f"differs as intended: {name}: {info['why']}")
            elif os.path.exists(os.path.join(case, "oracle.diff")):
                bad += 1
                print(f"FAIL {name}: systemd writes the same units, but oracle.diff is there; remove it")
    print(f"golden-oracle: {counts} cases run through systemd 257 ({tally['equal']} equal, {tally['differs']} "
          f"intended differences), {tally['none']} not comparable here, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
