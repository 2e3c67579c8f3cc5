#!/usr/bin/env python3
"""Golden trees: run the generator on every case's fake root and compare with the expected tree.

    golden.py [--update] [--only NAME] [--jobs N] -- COMMAND...

COMMAND runs stagehand (e.g. target/stagehand, or java -jar target/stagehand-*.jar); it is
called as `COMMAND generate OUT [OUT OUT]` with a clean environment:
STAGEHAND_ROOT=CASE/root, SYSTEMD_LOG_LEVEL=notice, PATH=/usr/sbin:/usr/bin (looked up below
the root) and the KEY=VALUE lines of CASE/env, if any.

A case is a folder under cases/:
    case.txt   what it shows; "oracle:" equal | differs | none, and "why:" for the last two
    root/      the fake "/" (proc/cmdline, etc/fstab, sysroot/etc/fstab, ...)
    expected/  the tree the generator must write (bytes and symlink targets compared)
    messages   what it must say on stderr (warnings and errors), if anything
    env        extra environment, optional
    modes      "MODE PATH" lines (octal mode, path below root/), applied before the run: git
               keeps no file mode but the executable bit (a key file must be 0600)
    explain.txt, explain.json, explain.dot, check.txt, check.json, check-strict.txt
               optional: the expected output of `stagehand explain [--format=...]` and of
               `stagehand check [--format=json | --strict]` on the same root (check: what it
               prints on stdout, then on stderr, then its exit status on the last line)
    check.args optional: more arguments for check, one per line (e.g. --fstab /missing)
--update rewrites expected/ and messages from the current build (review the diff!).
Exit 1 if any case differs.
"""
import argparse
import filecmp
import os
import shutil
import concurrent.futures
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")


def lines(case, name):
    """The lines of a case's small setting file (env, modes, check.args), stripped, without blanks and # comments."""
    f = os.path.join(case, name)
    if not os.path.exists(f):
        return []
    return [l.strip() for l in open(f) if l.strip() and not l.strip().startswith("#")]


def case_env(case, root):
    env = {"STAGEHAND_ROOT": root, "SYSTEMD_LOG_LEVEL": "notice", "PATH": "/usr/sbin:/usr/bin"}
    for line in lines(case, "env"):
        k, _, v = line.partition("=")
        env[k] = v
    return env


def apply_modes(case):
    for line in lines(case, "modes"):
        mode, _, path = line.partition(" ")
        os.chmod(os.path.join(case, "root", path.strip()), int(mode, 8))


def tree(root):
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for n in dirnames + filenames:
            p = os.path.join(dirpath, n)
            rel = os.path.relpath(p, root)
            if n == ".keep":
                continue
            if os.path.islink(p):
                out[rel] = ("link", os.readlink(p))
            elif os.path.isdir(p):
                out[rel] = ("dir", None)
            else:
                with open(p, "rb") as f:
                    out[rel] = ("file", f.read(), oct(os.stat(p).st_mode & 0o777))
    return out


def compare(expected, actual):
    e, a = tree(expected), tree(actual)
    problems = []
    for rel in sorted(set(e) | set(a)):
        if rel not in a:
            problems.append(f"missing: {rel}")
        elif rel not in e:
            problems.append(f"unexpected: {rel}")
        elif e[rel] != a[rel]:
            if e[rel][0] == "file" and a[rel][0] == "file" and e[rel][1] != a[rel][1]:
                problems.append(f"differs: {rel}\n--- expected\n{e[rel][1].decode('latin-1')}--- actual\n"
                                f"{a[rel][1].decode('latin-1')}")
            else:
                problems.append(f"differs: {rel}: expected {e[rel][0::2] if e[rel][0] != 'file' else e[rel][2]}, "
                                f"got {a[rel][0::2] if a[rel][0] != 'file' else a[rel][2]}")
    return problems


REPORTS = [("explain.txt", ["explain"]), ("explain.json", ["explain", "--format=json"]),
           ("explain.dot", ["explain", "--format=dot"]), ("check.txt", ["check", "--initrd"]),
           ("check.json", ["check", "--initrd", "--format=json"]), ("check-strict.txt", ["check", "--initrd", "--strict"])]


def run_case(cmd, case, update):
    name = os.path.basename(case)
    root = os.path.join(case, "root")
    apply_modes(case)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        three = os.path.exists(os.path.join(case, "three-dirs"))
        args = cmd + ["generate", out] + ([out + "-early", out + "-late"] if three else [])
        p = subprocess.run(args, env=case_env(case, root), capture_output=True, timeout=120)
        said = p.stderr.decode("latin-1")
        problems = []
        if p.returncode != 0:
            problems.append(f"exit status {p.returncode} (a generator always exits 0)")
        if three:
            for d in ("early", "late"):
                if os.path.isdir(out + "-" + d) and os.listdir(out + "-" + d):
                    shutil.copytree(out + "-" + d, os.path.join(out, "@" + d), symlinks=True)
        exp = os.path.join(case, "expected")
        msg = os.path.join(case, "messages")
        if update:
            if os.path.exists(exp):
                shutil.rmtree(exp)
            shutil.copytree(out, exp, symlinks=True)
            if not os.listdir(exp):
                open(os.path.join(exp, ".keep"), "w").close()
            if said:
                with open(msg, "w", encoding="latin-1") as f:
                    f.write(said)
            elif os.path.exists(msg):
                os.remove(msg)
        for fname, args in REPORTS:
            fpath = os.path.join(case, fname)
            if not os.path.exists(fpath):
                continue
            check = fname.startswith("check")
            extra = lines(case, "check.args") if check else []
            r = subprocess.run(cmd + args + ["--root", root] + extra, env=case_env(case, root), capture_output=True, timeout=120)
            got = r.stdout.decode("latin-1")
            if check:
                got += r.stderr.decode("latin-1") + "exit %d\n" % r.returncode
            if update:
                with open(fpath, "w", encoding="latin-1") as f:
                    f.write(got)
            elif got != open(fpath, encoding="latin-1").read():
                problems.append(f"{fname} differs\n--- expected\n{open(fpath, encoding='latin-1').read()}--- actual\n{got}")
        if update:
            return name, problems
        problems += compare(exp, out)
        want = open(msg, encoding="latin-1").read() if os.path.exists(msg) else ""
        if said != want:
            problems.append(f"messages differ\n--- expected\n{want}--- actual\n{said}")
        return name, problems


def parse_args(ap):
    """--only NAME and -- COMMAND... added to ap, parsed; returns the arguments and the case names chosen."""
    ap.add_argument("--only")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    if a.cmd and a.cmd[0] == "--":
        a.cmd = a.cmd[1:]
    if not a.cmd:
        ap.error("the command that runs stagehand is missing")
    cases = sorted(d for d in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, d)))
    return a, [c for c in cases if not a.only or a.only in c]


def main():
    sys.stdout.reconfigure(errors="backslashreplace")  # file names need not be UTF-8
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="cases run at once (default: one per CPU); the report keeps the cases' order")
    a, cases = parse_args(ap)
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        results = pool.map(lambda c: run_case(a.cmd, os.path.join(CASES, c), a.update), cases)
    for name, problems in results:
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for pr in problems:
                print("  " + pr.replace("\n", "\n  "))
    print(f"golden: {len(cases)} cases, {failed} failed ({' '.join(a.cmd)})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
