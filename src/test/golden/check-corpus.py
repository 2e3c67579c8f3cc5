#!/usr/bin/env python3
"""`stagehand check` over every golden case: which cases get findings the generator does not say.

    check-corpus.py [--against 'OLD COMMAND'] [--only NAME] -- COMMAND...

COMMAND runs stagehand as for golden.py. Each case's root is checked as golden.py checks it
(`check --initrd --root CASE/root`, the case's environment). Printed per case: the findings
(error/warning/notice lines) that are not among the generator's own messages of that case
(its `messages` file), i.e. what check adds on top of the generator. With --against, only
the findings that OLD COMMAND (e.g. the jar of the main branch) did not print: what a change
to check gained. The output is for review: a finding on a case that is meant to be bad is
fine, one on a correct configuration is a false alarm. Exit status 0 unless a run fails.
"""
import argparse
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import golden  # noqa: E402  (case_env, apply_modes, parse_args, CASES)

LEVELS = ("error: ", "warning: ", "notice: ")


def findings(cmd, case):
    root = os.path.join(case, "root")
    golden.apply_modes(case)
    r = subprocess.run(cmd + ["check", "--initrd", "--root", root], env=golden.case_env(case, root),
                       capture_output=True, timeout=120)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"{os.path.basename(case)}: exit {r.returncode}: {r.stderr.decode('latin-1')}")
    return [l for l in r.stdout.decode("latin-1").splitlines() if l.startswith(LEVELS)]


def generator_messages(case):
    f = os.path.join(case, "messages")
    if not os.path.exists(f):
        return set()
    out = set()
    for line in open(f, encoding="latin-1"):
        _, _, text = line.rstrip("\n").partition(": ")  # "stagehand-generator: TEXT"
        out.add(text)
    return out


def main():
    sys.stdout.reconfigure(errors="backslashreplace")
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", help="the command of the build to compare with, as one string")
    a, cases = golden.parse_args(ap)
    shown = 0
    for c in cases:
        case = os.path.join(golden.CASES, c)
        new = findings(a.cmd, case)
        if a.against:
            old = set(findings(shlex.split(a.against), case))
            extra = [l for l in new if l not in old]
        else:
            said = generator_messages(case)
            extra = [l for l in new if l.split(": ", 1)[1] not in said]
        if extra:
            shown += 1
            print(c)
            for l in extra:
                print("  " + l)
    print(f"check-corpus: {len(cases)} cases, {shown} with findings "
          + ("gained against the other build" if a.against else "beyond the generator's messages"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
