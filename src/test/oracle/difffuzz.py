#!/usr/bin/env python3
"""Differential test: random kernel command lines and fstabs through systemd 257's
systemd-fstab-generator and through stagehand, trees compared by meaning (unitdiff.py,
strict in both directions).

    difffuzz.py --stagehand CMD --oracle RUN --generators DIR [--seed N] [--count N] [--keep DIR]

CMD is how to run stagehand (e.g. "target/stagehand" or "java -jar target/...jar"); it is
called as `CMD generate OUT OUT OUT`. RUN/DIR are what ../shared/oracle/setup-systemd257.sh
installed. Both get the same environment (SYSTEMD_PROC_CMDLINE, SYSTEMD_IN_INITRD,
SYSTEMD_FSTAB, SYSTEMD_SYSROOT_FSTAB) and the same host file system, so chase() and the fsck
lookup see the same things. Prints one line per differing case and a summary; exit 1 if any
case differs for a reason not listed in KNOWN (intended differences, see docs/differences.md).
"""
import argparse
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
UNITDIFF = os.path.join(HERE, "..", "..", "..", "..", "shared", "oracle", "unitdiff.py")

WHATS = ["/dev/sda1", "/dev/vda2", "UUID=0a0a-1b1b", "LABEL=root", "LABEL=my\\040disk", "PARTUUID=1234-01",
         "PARTLABEL=esp", "/dev/disk/by-id/ata-x", "/dev/mapper/vg-root", "tmpfs", "none", "proc",
         "server:/export", "/srv/source", "/var/lib/img", "LABEL=\"quoted\"", "UUID='q'", "/sys/x",
         "/dev/md/root", "LABEL=a/b", "LABEL=%h", "/dev/sd%a", "sysfs", "/dev/../dev/sdb", "//server/share",
         "LABEL=\xff\xfe", "LABEL=caf\xc3\xa9", "/dev/vd\xe9", "/dev/a\\012b", "UUID=\"x", "/dev/x\\",
         "UUID=", "/dev/disk/by-uuid/", "PARTUUID=0A0A0A0A-01", "LABEL=data\\040"]
WHERES = ["/", "/usr", "/srv", "/srv/data", "/home", "/var", "/var/log", "/boot/efi", "/mnt/a\\040b",
          "/data", "/proc", "/sys/kernel/security", "/run/host/x", "/dev/shm", "/sysroot", "/sysroot/usr",
          "/opt//x/", "/opt/./y", "relative/x", "/x%i", "/tmp", "/media/.hidden", "/mnt/-dash", "/etc",
          "/run/initramfs/x", "/srv/a/../b", "none", "swap", "/srv/a\\012Where=/x", "/srv/%%n", "/srv/\"q\"",
          "/srv/\xe9t\xe9", "/srv/tab\\011x", "/srv/back\\134", "/srv/" + "x" * 250 + "/" + "y" * 20]
TYPES = ["ext4", "xfs", "btrfs", "swap", "nfs", "nfs4", "auto", "autofs", "bind", "tmpfs", "cifs",
         "fuse.sshfs", "vfat", "none", "ext2", "f2fs", "proc", "sysfs", "overlay", "9p"]
OPTS = ["defaults", "noauto", "auto", "nofail", "fail", "x-initrd.mount", "ro", "rw", "_netdev", "bind",
        "rbind", "bg", "fg", "usrquota", "grpjquota", "comment=systemd.automount", "x-systemd.automount",
        "x-systemd.idle-timeout=30", "x-systemd.idle-timeout=0", "x-systemd.device-timeout=10s",
        "x-systemd.device-timeout=0", "x-systemd.device-timeout=1min 30s", "x-systemd.mount-timeout=5",
        "x-systemd.mount-timeout=infinity", "x-systemd.requires=foo.service", "x-systemd.requires=/dev/sdb",
        "x-systemd.requires=/srv", "x-systemd.after=network.target", "x-systemd.wants=bar",
        "x-systemd.before=local-fs.target", "x-systemd.requires-mounts-for=/var/lib",
        "x-systemd.wants-mounts-for=/opt", "x-systemd.wanted-by=multi-user.target",
        "x-systemd.required-by=foo.target", "x-systemd.makefs", "x-systemd.growfs", "x-systemd.pcrfs",
        "x-systemd.rw-only", "noatime", "subvol=@home", "mode=0755", "size=10%", "uid=1000",
        "x-systemd.device-timeout=bogus", "pri=5", "discard", "a\\,b", "opt\\\\x", "",
        "x-systemd.requires=a b", "x-systemd.after=", "x-systemd.wanted-by=", "comment=systemd.device-timeout=3",
        "x-systemd.requires-mounts-for=/a\\012b", "x-systemd.device-timeout=5\\0126", "context=%u",
        "x-systemd.wanted-by=../../x", "x-systemd.after=\xff", "opt=\xc3\xa9"]
PASSNOS = ["", "0", "0 0", "0 1", "0 2", "1 1", "0 -1", "x", "0 7", "00 01", "+0 +2"]

CMD_WORDS = [
    lambda r: "root=" + r.choice(WHATS[:12] + ["gpt-auto", "fstab", "tmpfs", "/dev/nfs", "dhcp",
                                              "nfs:1.2.3.4:/x", "10.0.0.1:/root", "[::1]:/r", "/srv/nfsroot",
                                              "cifs://x/y", "iscsi:x", "live:LABEL=x", ""]),
    lambda r: "rootfstype=" + r.choice(["ext4", "xfs", "tmpfs", "btrfs", ""]),
    lambda r: "rootflags=" + r.choice(["subvol=@", "ro", "rw", "noatime,discard", "", "mode=1777",
                                       "x-systemd.makefs", "x-systemd.device-timeout=7s"]),
    lambda r: r.choice(["ro", "rw", "ro=1", "rw=0"]),
    lambda r: "mount.usr=" + r.choice(["/dev/sdb1", "UUID=u-s-r", "LABEL=usr", "gpt-auto", "fstab",
                                       "/dev/nfs", ""]),
    lambda r: "mount.usrfstype=" + r.choice(["ext4", "erofs", ""]),
    lambda r: "mount.usrflags=" + r.choice(["ro", "noatime", "subvol=@usr", ""]),
    lambda r: "roothash=" + r.choice(["abc123", ""]),
    lambda r: "usrhash=" + r.choice(["def456", ""]),
    lambda r: "systemd.verity=" + r.choice(["0", "1", "bogus"]),
    lambda r: r.choice(["systemd.volatile", "systemd.volatile=yes", "systemd.volatile=state",
                        "systemd.volatile=overlay", "systemd.volatile=no", "systemd.volatile=bad"]),
    lambda r: r.choice(["fstab=0", "fstab=1", "rd.fstab=0", "rd.fstab=no", "fstab", "fstab=maybe"]),
    lambda r: r.choice(["systemd.swap=0", "systemd.swap", "systemd.swap=bad"]),
    lambda r: r.choice(["", "rd."]) + "systemd.mount-extra=" + r.choice(
        ["/dev/sdc1:/srv/extra:ext4:defaults", "tmpfs:/tmp/x:tmpfs:mode=1777", "LABEL=data:/data",
         "/dev/sdd:/:ext4", "/dev/sde:/usr:ext4:ro", "a:b", "onlyone", "x:/y:swap", "p:/q:auto:x-initrd.mount",
         "/dev/sdf:/srv/\\x41:ext4", "a:b:c:d:e", "/dev/sdg:/mnt/z:xfs:x-systemd.makefs"]),
    lambda r: r.choice(["", "rd."]) + "systemd.swap-extra=" + r.choice(
        ["/dev/sdz", "/dev/sdy:pri=3", "LABEL=swap:x-systemd.makefs", "a:b:c", "/swapfile"]),
    lambda r: r.choice(["quiet", "console=ttyS0", "root", "rootflags", "\"rootflags=a b\"",
                        "'root=/dev/sda 1'", "rd.luks=0", "\"root=/dev/a\nExecStart=/x\"", "rootflags=%n",
                        "root=LABEL=\xe9", "'rootflags=a\\'", "root=UUID=", "mount.usr=PARTUUID=0a0a0a0a-01/PARTNROFF=1"]),
]


UUIDS = ["1b1b1b1b-0000-4000-8000-00000000001b", "2c2c2c2c-0000-4000-8000-00000000002c",
         "3d3d3d3d3d3d4000800000000000003d"]
CT_NAMES = ["luks-" + UUIDS[0], "root", "usr", "data", "swap0", "with%pct", "a" * 240, "caf\xc3\xa9", "luks-" + UUIDS[1]]
CT_DEVICES = ["UUID=" + UUIDS[0], "UUID=" + UUIDS[1], "/dev/vdb1", "LABEL=secret", "PARTUUID=5a5a-01",
              "/dev/disk/by-uuid/" + UUIDS[2], "/var/lib/img", "PARTLABEL=x y", "/dev/../vdc", "UUID=", "LABEL="]
CT_KEYS = ["-", "none", "/etc/k", "/dev/urandom", "/dev/null", "/k:LABEL=keys", "/k:/dev/vdc", "/dev/vdz",
           "/a:b", "/etc/it's", "/e/%u"]
CT_OPTS = ["discard", "nofail", "noauto", "_netdev", "swap", "tmp", "tmp=xfs", "keyfile-timeout=5s",
           "header=/h.img", "header=/h:UUID=hh", "x-systemd.device-timeout=30s", "x-initrd.attach", "plain",
           "tries=3", "tpm2-device=auto", "luks", "fail", "auto", "keyfile-timeout=bad", "header"]

LUKS_WORDS = [
    lambda r: r.choice(["rd.", ""]) + "luks.uuid=" + r.choice(["", "luks-"]) + r.choice(UUIDS),
    lambda r: r.choice(["rd.", ""]) + "luks.name=" + r.choice(UUIDS) + "=" + r.choice(["cryptroot", "c%x", "x"]),
    lambda r: r.choice(["rd.", ""]) + "luks.key=" + r.choice(["/etc/default.key", r.choice(UUIDS) + "=/k:/dev/vdc",
                                                          r.choice(UUIDS) + "=/k", "bad=/x"]),
    lambda r: r.choice(["rd.", ""]) + "luks.options=" + r.choice(["discard", r.choice(UUIDS) + "=tries=1",
                                                              r.choice(UUIDS) + "=header=/h:LABEL=h", "zz=x"]),
    lambda r: r.choice(["rd.", ""]) + "luks.data=" + r.choice(UUIDS) + "=/dev/vdd",
    lambda r: r.choice(["rd.luks=0", "luks=1", "rd.luks.crypttab=0", "rd.luks.crypttab=yes", "luks=maybe"]),
    # issue 23's story (an empty UUID) and a dracut-style prefix: refused, see refused_entries()
    lambda r: r.choice(["rd.", ""]) + "luks.uuid=" + r.choice(["", "luks-", "1b1b1b1b"]),
]


def crypttab_line(r):
    f = [r.choice(CT_NAMES), r.choice(CT_DEVICES)]
    if r.random() < 0.8:
        f.append(r.choice(CT_KEYS))
        if r.random() < 0.8:
            f.append(",".join(r.sample(CT_OPTS, r.randint(1, 3))))
    line = " ".join(f)
    if r.random() < 0.05:
        line = "# " + line
    return line


def fstab_line(r):
    fields = [r.choice(WHATS), r.choice(WHERES), r.choice(TYPES)]
    k = r.choice([0, 1, 1, 2, 3])
    opts = ",".join(r.sample(OPTS, k)) if k else r.choice(["defaults", "", "x-initrd.mount"])
    fields.append(opts if opts else "defaults")
    line = " ".join(fields)
    p = r.choice(PASSNOS)
    if p:
        line += " " + p
    if r.random() < 0.05:
        line = "  # " + line
    if r.random() < 0.05:
        line = line.replace(" ", "\t", 1)
    return line


def make_case(r):
    words = [w(r) for w in r.sample(CMD_WORDS, r.randint(0, 6))]
    words += [w(r) for w in r.sample(LUKS_WORDS, r.randint(0, 3))]
    r.shuffle(words)
    cmdline = " ".join(x for x in words if x)
    fstab = "\n".join(fstab_line(r) for _ in range(r.randint(0, 5))) + ("\n" if r.random() < 0.9 else "")
    sysroot = "\n".join(fstab_line(r) for _ in range(r.randint(0, 5))) + "\n"
    initrd = "1" if r.random() < 0.85 else "0"
    crypttab = "\n".join(crypttab_line(r) for _ in range(r.randint(0, 4))) + "\n"
    return cmdline, fstab, sysroot, initrd, crypttab


def run(cmd, out, env):
    os.makedirs(out, exist_ok=True)
    return subprocess.run(cmd + [out, out, out], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, cwd="/", timeout=60)


def diff(a, b):
    # stagehand's own additions (the root wait, hooks, md and LVM policies) are listed as
    # extras, not failures
    p = subprocess.run([sys.executable, UNITDIFF, "--strict", "--allow-extra", "stagehand-rootwait",
                        "--allow-extra", "stagehand-locate",
                        "--allow-extra", "stagehand-hook", "--allow-extra", "stagehand-md-degraded@",
                        "--allow-extra", "stagehand-lvm-activate@", a, b],
                       capture_output=True, text=True,
                       errors="surrogateescape")
    return p.returncode == 0, p.stdout


SECTION = {".mount": "[Mount]", ".swap": "[Swap]", ".automount": "[Automount]", ".service": "[Service]"}


def truncated(tree, rel):
    """systemd stops writing a unit at the first error; such a unit lacks its main section."""
    path = os.path.join(tree, rel)
    if os.path.islink(path):
        path = os.path.join(os.path.dirname(path), os.readlink(path))
    if not os.path.isfile(path) or ".d/" in rel:
        return False
    ext = os.path.splitext(path)[1]
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return SECTION.get(ext, "[") not in f.read()


# a systemd time span ("5s", "1min 30s", "0", "infinity"), roughly: enough to tell "bad" from a span
TIME_SPAN = re.compile(r"^(infinity|([0-9]+(\.[0-9]+)?\s*[a-zA-Z]*\s*)+)$")


def classify(line, systemd_tree, systemd_log):
    """The intended difference (docs/differences.md) a unitdiff line belongs to, or None if unexplained."""
    kind, _, rest = line.partition(": ")
    rel = rest.split(":")[0]
    if kind == "extra" and "stagehand-rootwait" in rel:
        return "stagehand's root wait (its service and device drop-ins)"
    if kind == "extra" and (re.fullmatch(r"systemd-fsck@[^/]+\.service", rel) or "stagehand-fsck-early@" in rel):
        # systemd only links to its template; stagehand writes the instance for a file system
        # that is independent of the root, so that it is checked while a passphrase is asked
        return "stagehand's check unit for a file system independent of the root (docs/fsck.md)"
    if kind == "extra" and "stagehand-locate" in rel:
        return "stagehand's early look for a root named PARTLABEL=/PARTUUID= (docs/locate.md)"
    if kind == "extra" and ("stagehand-lvm-activate@" in rel or "stagehand-md-degraded@" in rel):
        return "stagehand's degraded policies (an LVM volume group or md array on the root's chain)"
    if kind == "missing" and "MountsFor=" in rest and not rest.split("MountsFor=", 1)[1].strip().startswith("/"):
        return "stagehand leaves out RequiresMountsFor=/WantsMountsFor= paths systemd ignores (relative, empty, past PATH_MAX)"
    if kind == "conflict" and ("keydev-" in rel or "headerdev-" in rel or "keydev-" in rest or "headerdev-" in rest) \
            and "\\3" in rest:
        return "stagehand escapes a key/header device mount point once more (systemd C-unescapes it to another path)"
    if kind == "extra" and "MountsFor+=" in rest:
        path = os.path.join(systemd_tree, rel)
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                if any(l.strip() in ("RequiresMountsFor=", "WantsMountsFor=") for l in f):
                    return "an empty header= path: systemd writes an empty MountsFor= that empties the list; stagehand leaves it out"
    if kind == "conflict" and "ExecStart=" in rest and "(expected" in rest and (
            os.path.basename(rel) in ("systemd-fsck-root.service", "systemd-fsck-usr.service")
            or os.path.basename(rel).startswith(("systemd-makefs@", "systemd-mkswap@"))):
        ours, _, theirs = rest.split("ExecStart=", 1)[1].partition("(expected")
        if ours.strip().replace(" ", ",") == theirs.strip().rstrip(")").strip():
            return "a blank in the device: systemd writes it bare (two arguments), stagehand quotes it"
        if ours.strip().replace("%%", "%") == theirs.strip().rstrip(")").strip():
            return "a % in the device: systemd writes it raw into ExecStart= (a specifier), stagehand writes %%"
    if kind == "missing" and rel.endswith(".device.d/90-device-timeout.conf"):
        path = os.path.join(systemd_tree, rel)
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                values = [l.split("=", 1)[1].strip() for l in f if l.startswith("JobRunningTimeoutSec=")]
            if values and not all(TIME_SPAN.match(v) for v in values):
                return "keyfile-timeout= that is not a time span: systemd writes it into the key device's drop-in, stagehand leaves the drop-in out"
    if kind == "extra" and "stagehand-hook@" in rel:
        # the fuzzer runs on this machine's /, whose /usr/share/initramfs-tools/scripts (from
        # udev, mdadm, ...) stagehand plans in the initrd as it would any initrd's
        return "stagehand's legacy hook units (this machine's initramfs-tools scripts)"
    if kind == "missing" and truncated(systemd_tree, rel):
        return "systemd left a half-written unit after an error; stagehand skips the entry"
    if kind == "missing" and rel.startswith("."):
        return "an empty x-systemd.wanted-by=/required-by= makes systemd write a link into '.wants/'"
    if kind == "missing" and "/" in rel:
        target = os.path.join(systemd_tree, rel)
        if os.path.islink(target) and truncated(systemd_tree, rel):
            return "systemd left a half-written unit after an error; stagehand skips the entry"
    unit = os.path.basename(rel)
    if kind == "conflict" and ("\\'" in line or "MountsFor=\"" in line or "\\\\" in line):
        return "stagehand escapes quotes and backslashes in Exec arguments and path lists"
    if kind == "extra" and truncated(systemd_tree, unit):
        return "a later entry for the mount point of a skipped bad entry is used (systemd keeps the broken first one)"
    if kind == "extra" and "Cannot format" in systemd_log and (".requires/" in rel or ".wants/" in rel):
        return "x-systemd.makefs that cannot work: systemd drops the mount's target link, stagehand keeps the mount"
    return None


# --- device values stagehand refuses (DeviceSpecs): which differences belong to the refused entry

# the expectations of DeviceSpecs.Refusal; what follows 'got "' up to the line's last '"' is the value
REFUSAL = re.compile(r'^\S+: (kernel command line \(([^)]*)\)|[^:]+:\d+): (?:[a-z ]+: )?expected '
                     r'(UUID= and a|PARTUUID= and a|LABEL= and a|PARTLABEL= and a|the path of a device below /dev|'
                     r'a LUKS UUID \()[^"]*, got "(.*)"')


def encode_devnode(s):
    """encode_devnode_name() (systemd's device-nodes.c) on a str of bytes as latin-1 chars."""
    b = s.encode("latin-1")
    out, i = [], 0
    while i < len(b):
        n = utf8_len(b, i)
        if n > 1:
            out.append(b[i:i + n].decode("latin-1"))
            i += n
            continue
        c = chr(b[i])
        out.append(c if (c.isascii() and c.isalnum()) or c in "#+-.:=@_" else "\\x%02x" % b[i])
        i += 1
    return "".join(out)


def utf8_len(b, i):
    """Length of the valid UTF-8 sequence of more than one byte at i, else 1."""
    for n in (4, 3, 2):
        try:
            if len(b[i:i + n]) == n and len(b[i:i + n].decode("utf-8")) == 1:
                return n
        except UnicodeDecodeError:
            pass
    return 1


def udev_node(spec):
    """fstab_node_to_udev_node()."""
    for tag, folder in (("LABEL=", "label"), ("UUID=", "uuid"), ("PARTUUID=", "partuuid"), ("PARTLABEL=", "partlabel")):
        if spec.startswith(tag):
            v = spec[len(tag):]
            if len(v) >= 2 and v[0] in "\"'" and v[-1] == v[0]:
                v = v[1:-1]
            return "/dev/disk/by-" + folder + "/" + encode_devnode(v)
    return spec


def device_unit(path):
    """unit_name_from_path(path, ".device") for the short paths of this fuzzer (no hashing)."""
    parts = [p for p in path.split("/") if p and p != "."]
    out = []
    for i, ch in enumerate("/".join(parts).encode("latin-1")):
        c = chr(ch)
        if c == "/":
            out.append("-")
        elif (c.isascii() and c.isalnum()) or c in ":_." and not (i == 0 and c == "."):
            out.append(c)
        else:
            out.append("\\x%02x" % ch)
    return ("".join(out) or "-") + ".device"


def refused_entries(stagehand_log):
    """The device paths and device unit names of the values stagehand refused (from its messages)."""
    tokens = set()
    for line in stagehand_log.splitlines():
        m = REFUSAL.match(line)
        if not m:
            continue
        value = m.group(4)
        if m.group(3) == "a LUKS UUID (":  # rd.luks.uuid=UUID or rd.luks.name=UUID=NAME: the volume's device is UUID=UUID
            key = m.group(2) or ""
            value = "UUID=" + (value.split("=", 1)[0] if key.endswith("luks.name=")
                               else value[5:] if value.startswith("luks-") else value)
        node = udev_node(value)
        tokens.add(node)
        if node.startswith("/dev/"):
            tokens.add(device_unit(node))
    return tokens


def mentions(text, tokens):
    """Whether text holds one of tokens as a whole word (between blanks, quotes, "=" or line ends)."""
    for t in tokens:
        for m in re.finditer(re.escape(t), text):
            before = text[m.start() - 1] if m.start() else "\n"
            after = text[m.end()] if m.end() < len(text) else "\n"
            if before in " \t\n='\"" and after in " \t\n'\"":
                return True
    return False


def unit_text(tree, rel):
    """The text of rel in tree, following a link to the unit it names (in the tree's top folder)."""
    path = os.path.join(tree, rel)
    if os.path.islink(path):
        path = os.path.join(tree, os.path.basename(os.readlink(path)))
    if not os.path.isfile(path):
        return None
    with open(path, encoding="latin-1") as f:
        return f.read()


def refused_reasons(lines, reasons, systemd_tree, stagehand_log):
    """Explains the differences that belong to an entry stagehand refused because its device value
    can name no device (README, intended differences). The entry's files in systemd's tree are
    those that name the refused device, then (over files stagehand does not have) those that name
    one of them or that one of them names (links, key device mounts, umount services), drop-ins
    and links of their units, a crypt volume's mapped device and the bind mount of a refused
    /usr. A difference in a unit that systemd wrote for the refused entry and stagehand for a
    later entry of the same name (the later entry took its place) is explained too; nothing else."""
    tokens = refused_entries(stagehand_log)
    if not tokens:
        return reasons
    why = "stagehand refuses a device value that can name no device (that entry's units)"
    parsed = []
    for line in lines:
        kind, _, rest = line.partition(": ")
        rel = rest.split(":")[0]
        parsed.append((kind, rel, rest == rel))
    excused, names = set(), set(tokens)

    def add(name):
        excused.add(name)
        names.add(name)
        text = unit_text(systemd_tree, name) or ""
        if name.endswith(".mount"):  # a bind mount of the refused mount point names it by its path
            names.update(l[len("Where="):].strip() for l in text.splitlines() if l.startswith("Where="))
        if name.startswith("systemd-cryptsetup@") and name.endswith(".service"):
            names.add("dev-mapper-" + name[len("systemd-cryptsetup@"):-len(".service")] + ".device")

    for kind, rel, _ in parsed:
        text = unit_text(systemd_tree, rel)
        if text is not None and mentions(text, tokens):
            add(os.path.basename(rel))
    grew = True
    while grew:
        grew = False
        for kind, rel, whole in parsed:
            name, top = os.path.basename(rel), rel.split("/")[0]
            if kind != "missing" or not whole or name in excused:
                continue
            text = unit_text(systemd_tree, rel)
            owner = top[:-len(".d")] if top.endswith(".d") else top.rsplit(".", 1)[0] if "/" in rel else None
            named = any(mentions(unit_text(systemd_tree, u) or "", {name}) for u in excused)
            if (text is not None and mentions(text, names)) or owner in names or named:
                add(name)
                grew = True
    out = []
    for (kind, rel, _), w in zip(parsed, reasons):
        if w is None:
            if kind == "missing" and os.path.basename(rel) in excused:
                w = why
            elif kind in ("conflict", "extra") and os.path.basename(rel) in excused:
                w = why + ": a later entry took its place"
            elif kind == "extra" and rel == "initrd-usr-fs.target.requires/sysroot.mount" \
                    and "kernel command line (mount.usr=): expected" in stagehand_log:
                w = why + ": /usr falls back to the root file system"
        out.append(w)
    return out


def main():
    sys.stdout.reconfigure(errors="backslashreplace")  # file names need not be UTF-8
    ap = argparse.ArgumentParser()
    ap.add_argument("--stagehand", required=True)
    ap.add_argument("--oracle", required=True, help="the 'run' wrapper of setup-systemd257.sh")
    ap.add_argument("--generators", required=True, help="ROOT/usr/lib/systemd/system-generators")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--keep", help="folder for the inputs and trees of differing cases")
    a = ap.parse_args()
    r = random.Random(a.seed)
    stagehand = shlex.split(a.stagehand) + ["generate"]
    # As PID 1 of its own pid namespace with container="" systemd believes it runs on bare
    # metal (this machine has /.dockerenv), so swap entries are compared too.
    oracle = ["unshare", "-fp", "--mount-proc", a.oracle, os.path.join(a.generators, "systemd-fstab-generator")]
    oracle_crypt = ["unshare", "-fp", "--mount-proc", a.oracle, os.path.join(a.generators, "systemd-cryptsetup-generator")]
    differing = 0
    known = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.count):
            cmdline, fstab, sysroot, initrd, crypttab = make_case(r)
            case = os.path.join(tmp, str(i))
            os.makedirs(case)
            with open(os.path.join(case, "fstab"), "w", encoding="latin-1") as f:
                f.write(fstab)
            with open(os.path.join(case, "sysroot-fstab"), "w", encoding="latin-1") as f:
                f.write(sysroot)
            with open(os.path.join(case, "crypttab"), "w", encoding="latin-1") as f:
                f.write(crypttab)
            env = dict(os.environ, SYSTEMD_PROC_CMDLINE=cmdline, SYSTEMD_IN_INITRD=initrd,
                       SYSTEMD_FSTAB=os.path.join(case, "fstab"),
                       SYSTEMD_SYSROOT_FSTAB=os.path.join(case, "sysroot-fstab"), SYSTEMD_LOG_LEVEL="debug",
                       SYSTEMD_CRYPTTAB=os.path.join(case, "crypttab"),
                       container="", SYSTEMD_LOG_TARGET="console")
            env.pop("STAGEHAND_ROOT", None)
            env = {k.encode("latin-1"): v.encode("latin-1") for k, v in env.items()}
            o = run(oracle, os.path.join(case, "systemd"), env)
            o2 = run(oracle_crypt, os.path.join(case, "systemd"), env)
            o.stderr += o2.stderr
            s = run(stagehand, os.path.join(case, "stagehand"), env)
            # this machine's systemd-cryptsetup is in /usr/lib/systemd, where stagehand's units call
            # it; systemd 257 always writes /usr/bin/systemd-cryptsetup (docs/differences.md)
            for dirpath, _, files in os.walk(os.path.join(case, "stagehand")):
                for fn in files:
                    fp = os.path.join(dirpath, fn)
                    if fn.startswith("systemd-cryptsetup@") and not os.path.islink(fp):
                        with open(fp, "rb") as fh:
                            data = fh.read()
                        with open(fp, "wb") as fh:
                            fh.write(data.replace(b"/usr/lib/systemd/systemd-cryptsetup ", b"/usr/bin/systemd-cryptsetup "))
            ok1, d1 = diff(os.path.join(case, "systemd"), os.path.join(case, "stagehand"))
            if ok1:
                continue
            log = o.stderr.decode(errors="replace")
            lines = [l for l in d1.splitlines() if l.split(":")[0] in ("missing", "conflict", "extra")]
            reasons = [classify(l, os.path.join(case, "systemd"), log) for l in lines]
            said = s.stderr.decode("latin-1")
            reasons = refused_reasons(lines, reasons, os.path.join(case, "systemd"), said)
            if ("cannot be written to a unit file" in said or "is not a valid unit name" in said
                    or "is not a unit file path" in said or "is longer than a file name may be" in said):
                # an entry with a newline, a trailing backslash, bytes that are not UTF-8, a
                # target that is no unit, a hook whose unit name would be too long, or a unit
                # whose .requires/ or .d/ folder name would pass NAME_MAX: stagehand
                # refuses it (or the hook) where systemd writes it; a later entry for the same
                # mount point is then used (docs/differences.md)
                reasons = [w or "stagehand refuses an entry (or hook) it cannot write safely" for w in reasons]
            # where systemd wrote a broken entry, stagehand skipped all of it (or, for a failed
            # x-systemd.makefs, kept all but the hook): attribute the entry's other files to that
            marked = set()
            sysroot_tree = os.path.join(case, "systemd")
            for dirpath, _, files in os.walk(sysroot_tree):
                for fn in files:
                    rel = os.path.relpath(os.path.join(dirpath, fn), sysroot_tree)
                    if rel.startswith(".") or truncated(sysroot_tree, rel):
                        marked.add(os.path.basename(rel))
            for j, (l, why) in enumerate(zip(lines, reasons)):
                if why:
                    continue
                rel = l.partition(": ")[2].split(":")[0]
                if os.path.basename(rel) in marked or rel in marked:
                    reasons[j] = "systemd wrote a broken entry; stagehand skipped it (same entry)"
                elif "Cannot format" in log and not l.startswith("missing"):
                    reasons[j] = "x-systemd.makefs that cannot work: stagehand keeps the rest of the entry (same entry)"
            entry_reasons = [w for w in reasons if w and ("stagehand skips" in w or "'.wants/'" in w)]
            if entry_reasons:
                reasons = [w if w or not l.startswith("missing") else entry_reasons[0] + " (same entry)"
                           for l, w in zip(lines, reasons)]
            if any(w and ("later entry" in w or "same entry" in w) for w in reasons):
                reasons = [w or ("the later entry's own files (same entry)" if l.startswith("extra") else None)
                           for l, w in zip(lines, reasons)]
            if all(reasons):
                for why in set(reasons):
                    known[why] = known.get(why, 0) + 1
                continue
            differing += 1
            d1 = "\n".join(l + ("" if why is None else "   [known: " + why + "]") for l, why in zip(lines, reasons))
            print(f"--- case {i} (seed {a.seed}) initrd={initrd} systemd rc={o.returncode} stagehand rc={s.returncode}")
            print(f"cmdline: {cmdline}")
            print("fstab:\n  " + fstab.replace("\n", "\n  ").encode("unicode_escape").decode().replace("\\n", "\n"))
            print("sysroot fstab:\n  " + sysroot.replace("\n", "\n  "))
            print("crypttab:\n  " + crypttab.replace("\n", "\n  "))
            print(d1)
            print("systemd said:\n  " + o.stderr.decode(errors="replace").strip().replace("\n", "\n  "))
            print("stagehand said:\n  " + s.stderr.decode(errors="replace").strip().replace("\n", "\n  "))
            if a.keep:
                shutil.copytree(case, os.path.join(a.keep, str(i)), symlinks=True, dirs_exist_ok=True)
    for why, n in sorted(known.items()):
        print(f"known difference in {n} cases: {why}")
    print(f"difffuzz: {a.count} cases, {differing} differing")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
