#!/usr/bin/env python3
"""make bench: stagehand's generator and systemd's on the same inputs, side by side.

    bench.py --stagehand BIN --oracle RUN --generators DIR [--runs N]

Workloads: (a) a typical initrd (root=UUID with flags, mount.usr, a /sysroot/etc/fstab with a
few entries, an empty crypttab), (b) 1,000 x-initrd.mount entries in /sysroot/etc/fstab.
Each run writes into a fresh directory on tmpfs (/dev/shm); runs of the two sides alternate;
medians of wall time (including GNU time's own start, the same for both) and of peak RSS (GNU
time %M) are printed with the ratio stagehand/systemd.
"systemd" is the pair systemd-fstab-generator + systemd-cryptsetup-generator (stagehand does
both jobs in one run), once for the machine's systemd (/usr/lib/systemd) and once for
systemd 257 (the oracle install, started through its own dynamic loader, which costs it a
little). Also: binary size, size after zstd -19, and `stagehand --version` and `--help` times.
Numbers only: nothing here passes or fails.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

TMP = "/dev/shm" if os.path.isdir("/dev/shm") else None


def workload(tmp, name, n_xinitrd):
    d = os.path.join(tmp, name)
    os.makedirs(d)
    lines = ["UUID=0b0b0b0b-0000-4000-8000-00000000000b /var ext4 defaults,x-initrd.mount 0 2",
             "LABEL=home /home ext4 defaults 0 2", "/dev/vdb1 /srv/data xfs nofail,x-systemd.automount 0 0"]
    lines += [f"/dev/disk/by-partlabel/p{i} /srv/m{i} ext4 x-initrd.mount,noatime 0 2" for i in range(n_xinitrd)]
    open(os.path.join(d, "sysroot-fstab"), "w").write("\n".join(lines) + "\n")
    open(os.path.join(d, "fstab"), "w").write("")
    open(os.path.join(d, "crypttab"), "w").write("")
    env = dict(os.environ, SYSTEMD_IN_INITRD="1", container="", SYSTEMD_LOG_LEVEL="warning",
               SYSTEMD_PROC_CMDLINE="root=UUID=0a0a0a0a-0000-4000-8000-00000000000a rootfstype=ext4 "
                                    "rootflags=noatime ro mount.usr=LABEL=usr quiet "
                                    # this machine's own initramfs-tools scripts are no part of
                                    # the comparison (systemd ignores the word)
                                    "rd.stagehand.hooks=0",
               SYSTEMD_FSTAB=os.path.join(d, "fstab"), SYSTEMD_SYSROOT_FSTAB=os.path.join(d, "sysroot-fstab"),
               SYSTEMD_CRYPTTAB=os.path.join(d, "crypttab"))
    return env


def run_once(cmds, env):
    """All commands of one side into one fresh output dir; (seconds, max peak RSS in KiB)."""
    out = tempfile.mkdtemp(dir=TMP)
    t0 = time.perf_counter()
    rss = 0
    for c in cmds:
        # peak RSS as reported by GNU time for its own child: wait4() on a fork of this Python
        # process would count Python's pages too
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + c + [out, out, out], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        rss = max(rss, int(p.stderr.strip().splitlines()[-1]))
    t = time.perf_counter() - t0
    shutil.rmtree(out)
    return t, rss


def compare(label, sides, env, runs):
    res = {k: ([], []) for k in sides}
    for _ in range(runs):
        for k, cmds in sides.items():  # alternate sides run by run
            t, r = run_once(cmds, env)
            res[k][0].append(t)
            res[k][1].append(r)
    med = {k: (statistics.median(v[0]), statistics.median(v[1])) for k, v in res.items()}
    base = med["stagehand"]
    print(f"\n{label} ({runs} runs each, medians)")
    print(f"  {'':32} {'wall ms':>9} {'peak RSS KiB':>13} {'time ratio':>11} {'RSS ratio':>10}")
    for k, (t, r) in med.items():
        tr = "" if k == "stagehand" else f"{base[0] / t:>11.2f}"
        rr = "" if k == "stagehand" else f"{base[1] / r:>10.2f}"
        print(f"  {k:32} {t * 1000:>9.2f} {r:>13} {tr} {rr}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stagehand", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--generators", required=True)
    ap.add_argument("--runs", type=int, default=41)
    a = ap.parse_args()
    sh = [[a.stagehand, "generate"]]
    sides = {"stagehand": sh}
    host = "/usr/lib/systemd/system-generators"
    if os.path.exists(f"{host}/systemd-fstab-generator"):
        sides["systemd 252 (this machine)"] = [[f"{host}/systemd-fstab-generator"],
                                               [f"{host}/systemd-cryptsetup-generator"]]
    sides["systemd 257"] = [[a.oracle, f"{a.generators}/systemd-fstab-generator"],
                            [a.oracle, f"{a.generators}/systemd-cryptsetup-generator"]]
    with tempfile.TemporaryDirectory(dir=TMP) as tmp:
        compare("(a) typical initrd", sides, workload(tmp, "a", 0), a.runs)
        compare("(b) 1,000 x-initrd.mount entries", sides, workload(tmp, "b", 1000), max(5, a.runs // 4))
    size = os.path.getsize(a.stagehand)
    print(f"\nbinary: {size} bytes ({size / 2**20:.2f} MiB)", end="")
    if shutil.which("zstd"):
        z = subprocess.run(["zstd", "-19", "-c", a.stagehand], capture_output=True).stdout
        print(f", {len(z)} bytes after zstd -19 ({len(z) / 2**20:.2f} MiB)")
    else:
        print(" (zstd not installed)")
    def median_ms(cmd):
        ts = []
        for _ in range(101):
            t0 = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL)
            ts.append(time.perf_counter() - t0)
        return statistics.median(ts) * 1000
    true_ms = median_ms(["/bin/true"])
    for arg in ("--version", "--help"):
        print(f"stagehand {arg}: median {median_ms([a.stagehand, arg]):.2f} ms "
              f"(starting /bin/true the same way: {true_ms:.2f} ms)")


if __name__ == "__main__":
    main()
