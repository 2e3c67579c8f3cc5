#!/usr/bin/env python3
"""`systemd-analyze verify` on every generated tree of the golden corpus (the machine's
systemd). Each unit file of a case's expected tree is loaded with the tree first on the unit
path (drop-ins and .wants/.requires links included); any complaint fails the case.

    verify.py [--only NAME] [--tree DIR ...]

With --tree, verifies the given trees instead (e.g. a fuzzer's output). Exit 1 on failure.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
# what systemd 257 writes but the machine's systemd 252 does not know: settings it warns about,
# and systemd-cryptsetup, which 257 installs in /usr/bin (252 in /usr/lib/systemd)
NEWER_KEYS = ("Unknown key 'WantsMountsFor'", "Unknown key 'ImportCredential'",
              "Command /usr/bin/systemd-cryptsetup is not executable",
              # installed by make install and the dracut module, not on this test machine
              "Command /usr/bin/stagehand is not executable")
UNIT_SUFFIXES = (".service", ".mount", ".swap", ".automount", ".target", ".socket", ".timer", ".path")


def units_of(tree):
    return sorted(f for f in os.listdir(tree)
                  if f.endswith(UNIT_SUFFIXES) and os.path.isfile(os.path.join(tree, f))
                  and not os.path.islink(os.path.join(tree, f)))


def verify(tree):
    """Units the input names as dependencies (x-systemd.requires=foo.service) need not exist on
    this machine: those get empty stand-ins and the verification is run again."""
    units = units_of(tree)
    if not units:
        return True, ""
    with tempfile.TemporaryDirectory() as stubs:
        # systemd-analyze verify reads "FILE:NAME" as FILE loaded under the name NAME (at the
        # first colon), so a unit whose own name holds a colon (a device path by-path, as in
        # systemd-fsck@dev-disk-by\x2dpath-pci\x2d0000:00:07.0...) is given as a copy without one
        args = []
        for n, u in enumerate(units):
            if ":" in u:
                copy = os.path.join(stubs, f".colon-{n}")
                with open(os.path.join(tree, u), "rb") as src, open(copy, "wb") as dst:
                    dst.write(src.read())
                u = copy + ":" + u
            args.append(u)
        units = args
        for attempt in range(2):
            env = dict(os.environ, SYSTEMD_UNIT_PATH=tree + ":" + stubs + ":", SYSTEMD_LOG_LEVEL="notice")
            out, ok, missing = "", True, set()
            for i in range(0, len(units), 200):  # short argument lists for the 10,000-line cases
                p = subprocess.run(["systemd-analyze", "verify", "--man=no", "--recursive-errors=no", "--"]
                                   + units[i:i + 200], cwd=tree, env=env, capture_output=True, text=True,
                                   errors="replace")
                # systemd-analyze verify reports its findings on stderr (log_*), not stdout: both are
                # read, and every line counts as a finding unless NEWER_KEYS excuses it
                lines = [l for l in (p.stdout + p.stderr).splitlines() if l.strip()]
                missing |= {m.group(1) for l in lines for m in [re.search(r"Unit (\S+) not found", l)] if m}
                said = [l for l in lines if not any(k in l for k in NEWER_KEYS)]
                if said or (p.returncode != 0 and not lines):
                    ok = False
                    out += "\n".join(said) + "\n"
            if ok or attempt == 1 or not missing:
                return ok, out
            for m in missing:
                open(os.path.join(stubs, m), "w").write("[Unit]\nDescription=stand-in for verification\n")
    return ok, out


def main():
    sys.stdout.reconfigure(errors="backslashreplace")  # file names need not be UTF-8
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    ap.add_argument("--tree", action="append")
    a = ap.parse_args()
    trees = a.tree or [os.path.join(CASES, c, "expected") for c in sorted(os.listdir(CASES))
                       if not a.only or a.only in c]
    bad = 0
    for t in trees:
        for sub in [t] + [os.path.join(t, d) for d in ("@early", "@late") if os.path.isdir(os.path.join(t, d))]:
            ok, out = verify(sub)
            if not ok:
                bad += 1
                print(f"FAIL {os.path.relpath(sub, CASES) if sub.startswith(CASES) else sub}")
                print("  " + out.strip().replace("\n", "\n  "))
    print(f"verify: {len(trees)} trees, {bad} failed (systemd-analyze {subprocess.run(['systemd-analyze', '--version'], capture_output=True, text=True).stdout.split()[1]})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
