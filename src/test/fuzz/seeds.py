#!/usr/bin/env python3
"""Seeds for the fuzz tests from the golden cases' inputs.

    seeds.py            (re)writes the seed-* files of every fuzz test's inputs folder

Each golden case's fake root gives one seed per input file to the parser targets, one seed per
folder of initramfs-tools scripts to HookPrereqFuzzTest (a bundle: "##> NAME" or, without an x bit,
"##- NAME" before each script) and one seed (flag byte, then the seven files and a bundle of
every hook script, "##> etc/STAGE/NAME", "usr/...", "initrd/...", "nixos/NAME", separated by
"\\n--8<--\\n") to GeneratorFuzzTest. Seeds over
16 KiB are left out (libFuzzer's -max_len follows the largest seed, and long inputs are slow to
mutate; the 10,000-line cases stay golden cases). Files not named seed-* (findings kept as
regression inputs) are left alone. Jazzer runs every file of these folders in regression mode
(make check-unit) and starts from them when fuzzing (make fuzz, make check-fuzz).
"""
import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.normpath(os.path.join(HERE, ".."))
CASES = os.path.join(SRC, "golden", "cases")
RES = os.path.join(SRC, "resources", "dev", "stagehand")
MAX = 16 * 1024
SEP = b"\n--8<--\n"
GEN_FILES = ["proc/cmdline", "etc/fstab", "sysroot/etc/fstab", "etc/crypttab",
             "etc/stagehand/stagehand.conf", "run/stagehand/cmdline-overrides", "MDADM", "HOOKS",
             "etc/lvm/lvm.conf", "CMDLINED", "etc/cmdline"]
STAGES = ["init-top", "init-premount", "local-top", "local-block", "local-premount", "local-bottom", "init-bottom"]
# where a bundle's WHERE prefix puts a script (FuzzRoot.hookFiles)
HOOK_DIRS = [("etc", "etc/initramfs-tools/scripts"), ("usr", "usr/share/initramfs-tools/scripts"),
             ("initrd", "scripts")]
TARGETS = {
    "kernelCommandLine": ("fuzz/KernelCommandLineFuzzTestInputs/kernelCommandLine", ["proc/cmdline"]),
    "fstab": ("fuzz/FstabFuzzTestInputs/fstab", ["etc/fstab", "sysroot/etc/fstab"]),
    "crypttab": ("fuzz/CrypttabFuzzTestInputs/crypttab", ["etc/crypttab"]),
    "configFile": ("config/ConfigFileFuzzTestInputs/configFile", ["etc/stagehand/stagehand.conf", "CONFD"]),
    "overrides": ("fuzz/CommandLineOverridesFuzzTestInputs/overrides", ["run/stagehand/cmdline-overrides"]),
    "lvmConf": ("fuzz/LvmConfFuzzTestInputs/lvmConf", ["etc/lvm/lvm.conf", "etc/lvm/lvmlocal.conf"]),
    "mdadmConf": ("fuzz/MdadmConfFuzzTestInputs/mdadmConf", ["etc/mdadm.conf", "etc/mdadm/mdadm.conf"]),
    "hookPrereqs": ("fuzz/HookPrereqFuzzTestInputs/hookPrereqs", ["PREREQ"]),
}


def script(path):
    """A regular file's header mark (x bit or not) and bytes; None for links and folders."""
    if os.path.islink(path) or not os.path.isfile(path):
        return None
    return (b"##> " if os.stat(path).st_mode & 0o111 else b"##- "), open(path, "rb").read()


def bundle(entries):
    """Files as one bundle: each file's header line, then its bytes (ending in a line end)."""
    out = b""
    for where, (mark, data) in entries:
        if out and not out.endswith(b"\n"):
            out += b"\n"
        out += mark + where.encode() + b"\n" + data
    return out


def prereq_bundles(root):
    """One bundle per folder of PREREQ-ordered scripts (the host's layouts)."""
    out = []
    for _, d in HOOK_DIRS[:2]:
        for stage in STAGES:
            folder = os.path.join(root, d, stage)
            if not os.path.isdir(folder):
                continue
            entries = []
            for n in sorted(os.listdir(folder)):
                s = script(os.path.join(folder, n))
                if s is not None:
                    entries.append((n, s))
            if entries:
                out.append(bundle(entries))
    return out


def hook_bundle(root):
    """Every hook script of the fake root as one bundle; None when there is none."""
    entries = []
    for prefix, d in HOOK_DIRS:
        for stage in STAGES:
            folder = os.path.join(root, d, stage)
            if os.path.isdir(folder):
                for n in sorted(os.listdir(folder)):
                    s = script(os.path.join(folder, n))
                    if s is not None:
                        entries.append(("%s/%s/%s" % (prefix, stage, n), s))
    folder = os.path.join(root, "etc/stagehand/hooks/nixos")
    if os.path.isdir(folder):
        for n in sorted(os.listdir(folder)):
            s = script(os.path.join(folder, n))
            if s is not None:
                entries.append(("nixos/" + n, s))
    return bundle(entries) if entries else None


def mdadm(root):
    """mdadm.conf where stagehand reads it: /etc/mdadm.conf, else /etc/mdadm/mdadm.conf."""
    data = read(root, "etc/mdadm.conf")
    return data if data is not None else read(root, "etc/mdadm/mdadm.conf")


def cmdline_d(root):
    """dracut's /etc/cmdline.d/*.conf as one file (the generator fuzz test writes one), in glob order."""
    folder = os.path.join(root, "etc/cmdline.d")
    if not os.path.isdir(folder):
        return None
    return b"".join(open(os.path.join(folder, f), "rb").read() for f in sorted(os.listdir(folder)) if f.endswith(".conf"))


def read(root, rel):
    p = os.path.join(root, rel)
    if os.path.isfile(p):
        return open(p, "rb").read()
    return None


def config_dropins(root):
    out = []
    for d in ("etc", "run", "usr/local/lib", "usr/lib"):
        folder = os.path.join(root, d, "stagehand", "stagehand.conf.d")
        if os.path.isdir(folder):
            out += [open(os.path.join(folder, f), "rb").read() for f in sorted(os.listdir(folder))]
    return out


def main():
    seeds = {t: {} for t in list(TARGETS) + ["generator"]}
    for case in sorted(os.listdir(CASES)):
        root = os.path.join(CASES, case, "root")
        if not os.path.isdir(root):
            continue
        for target, (_, files) in TARGETS.items():
            for rel in files:
                if rel == "CONFD":
                    found = config_dropins(root)
                elif rel == "PREREQ":
                    found = prereq_bundles(root)
                else:
                    found = [read(root, rel)]
                for data in found:
                    if data is not None and len(data) <= MAX:
                        seeds[target].setdefault(data, case)
        env = open(os.path.join(CASES, case, "env")).read() if os.path.exists(os.path.join(CASES, case, "env")) else ""
        initrd = os.path.exists(os.path.join(root, "etc/initrd-release")) and "SYSTEMD_IN_INITRD=0" not in env
        flags = ((1 if initrd else 0) | (2 if "SYSTEMD_FORCE_MEASURE=1" in env else 0)
                 | (4 if os.path.isfile(os.path.join(root, "sbin/lvm_scan")) else 0))
        parts = [mdadm(root) if rel == "MDADM" else hook_bundle(root) if rel == "HOOKS"
                 else cmdline_d(root) if rel == "CMDLINED" else read(root, rel)
                 for rel in GEN_FILES]
        while parts and parts[-1] is None:
            parts.pop()
        data = bytes([ord("0") + flags]) + SEP.join(p or b"" for p in parts)
        if len(data) <= MAX:
            seeds["generator"].setdefault(data, case)
    dirs = {t: d for t, (d, _) in TARGETS.items()}
    dirs["generator"] = "fuzz/GeneratorFuzzTestInputs/generator"
    for target, by_data in seeds.items():
        folder = os.path.join(RES, dirs[target])
        os.makedirs(folder, exist_ok=True)
        for f in os.listdir(folder):
            if f.startswith("seed-"):
                os.remove(os.path.join(folder, f))
        for data, case in by_data.items():
            name = "seed-%s-%s" % (case[:3], hashlib.sha1(data).hexdigest()[:8])
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        print(f"{target}: {len(by_data)} seeds in {os.path.relpath(folder, SRC)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
