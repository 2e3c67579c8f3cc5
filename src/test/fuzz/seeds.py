#!/usr/bin/env python3
"""Seeds for the fuzz tests from the golden cases' inputs.

    seeds.py            (re)writes the seed-* files of every fuzz test's inputs folder

Each golden case's fake root gives one seed per input file to the parser targets and one seed
(flag byte, then the six files separated by "\\n--8<--\\n") to GeneratorFuzzTest. Seeds over
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
             "etc/stagehand/stagehand.conf", "run/stagehand/cmdline-overrides"]
TARGETS = {
    "kernelCommandLine": ("fuzz/KernelCommandLineFuzzTestInputs/kernelCommandLine", ["proc/cmdline"]),
    "fstab": ("fuzz/FstabFuzzTestInputs/fstab", ["etc/fstab", "sysroot/etc/fstab"]),
    "crypttab": ("fuzz/CrypttabFuzzTestInputs/crypttab", ["etc/crypttab"]),
    "configFile": ("config/ConfigFileFuzzTestInputs/configFile", ["etc/stagehand/stagehand.conf", "CONFD"]),
    "overrides": ("fuzz/CommandLineOverridesFuzzTestInputs/overrides", ["run/stagehand/cmdline-overrides"]),
    "lvmConf": ("fuzz/LvmConfFuzzTestInputs/lvmConf", ["etc/lvm/lvm.conf", "etc/lvm/lvmlocal.conf"]),
}


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
                for data in (config_dropins(root) if rel == "CONFD" else [read(root, rel)]):
                    if data is not None and len(data) <= MAX:
                        seeds[target].setdefault(data, case)
        env = open(os.path.join(CASES, case, "env")).read() if os.path.exists(os.path.join(CASES, case, "env")) else ""
        initrd = os.path.exists(os.path.join(root, "etc/initrd-release")) and "SYSTEMD_IN_INITRD=0" not in env
        flags = (1 if initrd else 0) | (2 if "SYSTEMD_FORCE_MEASURE=1" in env else 0)
        parts = [read(root, rel) for rel in GEN_FILES]
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
