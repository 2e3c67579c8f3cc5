#!/usr/bin/env python3
"""Ordering cycles: does any generated tree, together with the units it is installed beside,
make systemd find an ordering cycle when it builds a start transaction?

    cycles.py [--only NAME] [--tree DIR [--initrd]] [--units DIR ...] [--system-units DIR] [--self-test]

systemd-analyze verify (verify.py) builds a transaction per unit, but on this machine's units
(systemd 252, not in an initrd, without stagehand's static units), so it never sees an initrd
cycle. This check loads what the initrd has, in the order systemd reads it:

    the case's expected tree (the generator's normal dir), units/ (stagehand's static units),
    systemd 257's units from ../shared/oracle (~/.cache/systemd257), else /usr/lib/systemd/system

and builds a start transaction the way the manager does (Requires=, Wants=, BindsTo=,
Requisite=, .wants/.requires links, RequiresMountsFor=, a mount's parent mounts), once from
the default target (initrd.target in an initrd, default.target outside) and once from each
unit of the tree, as `systemctl start` or udev would. The ordering graph of a transaction has
every After=/Before= between its units plus the dependencies systemd adds itself
(DefaultDependencies=yes: services after sysinit.target and basic.target; mounts after
local-fs-pre.target and before local-fs.target, initrd-root-fs.target, initrd-fs.target or
initrd-usr-fs.target by where they are; targets after what they pull in; mounts after their
parent mount and their device). A cycle is a strongly connected component of more than one
job; each is printed as a path of After= edges. Exit 1 on any cycle.

--self-test runs the check on small trees with known answers (tests/cycles/), so the check
itself is shown to find cycles and to pass trees without one.
"""
import argparse
import os
import re
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
SELF_TESTS = os.path.join(HERE, "cycles-self-test")
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
ORACLE_UNITS = os.path.expanduser("~/.cache/systemd257/root/usr/lib/systemd/system")

PULLS = ("Requires", "Wants", "BindsTo", "Requisite", "Upholds")
LINK_DIRS = (".wants", ".requires", ".upholds")
UNIT_RE = re.compile(r"^[^/]+\.(service|mount|swap|automount|target|socket|timer|path|device|slice|scope)$")


def unescape_path(name):
    """A mount/device unit name back to its path (systemd-escape --unescape --path)."""
    stem = name.rsplit(".", 1)[0]
    if stem == "-":
        return "/"
    out = stem.replace("-", "/")
    out = re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), out)
    return "/" + out


def escape_path(path):
    """systemd-escape --path, enough for parent mounts (the tree names them this way too)."""
    p = path.strip("/")
    if not p:
        return "-"
    out = []
    for i, c in enumerate(p):
        if c == "/":
            out.append("-")
        elif c.isalnum() or c in ":_" or (c == "." and i > 0):
            out.append(c)
        else:
            out.extend("\\x%02x" % b for b in c.encode())
    return "".join(out)


def unit_type(name):
    return name.rsplit(".", 1)[-1]


def template_of(name):
    """foo@bar.service -> foo@.service, else None."""
    m = re.match(r"^([^@]+)@([^.]*)\.(\w+)$", name)
    return "%s@.%s" % (m.group(1), m.group(3)) if m and m.group(2) else None


def instance_of(name):
    m = re.match(r"^[^@]+@(.*)\.\w+$", name)
    return m.group(1) if m else ""


class UnitPath:
    """The unit search path, first match wins for the file; drop-ins and links are merged."""

    def __init__(self, dirs):
        self.dirs = [d for d in dirs if os.path.isdir(d)]

    def file(self, name):
        for cand in (name, template_of(name)):
            if not cand:
                continue
            for d in self.dirs:
                p = os.path.join(d, cand)
                if os.path.exists(p) or os.path.islink(p):
                    real = os.path.realpath(p)
                    if not os.path.exists(real):
                        # a link to a unit installed elsewhere (/usr/lib/...): look for it by name
                        base = os.path.basename(real)
                        if base != cand:
                            alias = self.file(base) if base != name else None
                            if alias:
                                return alias
                        continue
                    if os.path.getsize(real) == 0 or real == "/dev/null":
                        return None  # masked
                    return real
        return None

    def dropins(self, name):
        """.conf drop-ins by file name, the first dir's one winning, applied in name order
        (type-level ones like service.d/ are left out: none in these trees orders anything)."""
        found = {}
        for cand in (template_of(name), name):
            if not cand:
                continue
            for d in self.dirs:
                dd = os.path.join(d, cand + ".d")
                if os.path.isdir(dd):
                    for f in os.listdir(dd):
                        if f.endswith(".conf"):
                            found.setdefault(f, os.path.join(dd, f))
        return [found[k] for k in sorted(found)]

    def links(self, name):
        """Units pulled by NAME.wants/, NAME.requires/ (and the template's)."""
        out = []
        for cand in (template_of(name), name):
            if not cand:
                continue
            for d in self.dirs:
                for suffix in LINK_DIRS:
                    ld = os.path.join(d, cand + suffix)
                    if os.path.isdir(ld):
                        for f in sorted(os.listdir(ld)):
                            dep = f
                            if template_of(f) is None and f.endswith("@." + unit_type(f)):
                                dep = f.replace("@.", "@" + instance_of(name) + ".")
                            out.append(("Requires" if suffix == ".requires" else "Wants", dep))
        return out


def expand(value, name):
    inst = instance_of(name)
    unescaped = inst.replace("-", "/")
    unescaped = re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), unescaped)
    table = {"i": inst, "I": unescaped, "n": name, "N": name.rsplit(".", 1)[0], "p": name.split("@")[0], "%": "%"}
    return re.sub(r"%(.)", lambda m: table.get(m.group(1), m.group(0)), value)


def parse(path, name, settings):
    section = None
    text = open(path, encoding="utf-8", errors="replace").read().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        if "=" not in line:
            continue
        key, value = (s.strip() for s in line.split("=", 1))
        key = section + "." + key if section not in ("Unit", "Install") else key
        value = expand(value, name)
        if value == "":
            settings.pop(key, None)  # an empty assignment resets a list
        else:
            settings.setdefault(key, []).append(value)


class Unit:
    def __init__(self, name, path):
        self.name = name
        self.settings = {}
        f = path.file(name)
        self.loaded = f is not None
        if f:
            parse(f, name, self.settings)
        for d in path.dropins(name):
            parse(d, name, self.settings)
        # a unit that is not found gets no dependencies of its own (systemd adds them when it
        # loads a unit file); units the input merely names (x-systemd.after=foo.service) are such
        self.default_deps = self.loaded and \
            self.words("DefaultDependencies")[-1:] not in (["no"], ["false"], ["0"], ["off"])
        self.pulls = [(k, u) for k in PULLS for u in self.words(k)] + path.links(name)

    def words(self, key):
        """A list setting split as systemd does (blanks, double quotes, backslashes)."""
        out = []
        for v in self.settings.get(key, []):
            try:
                out.extend(shlex.split(v))
            except ValueError:
                out.extend(v.split())
        return out


class Transaction:
    """The jobs of one start transaction and their ordering, as systemd's manager builds them."""

    def __init__(self, path, in_initrd, roots):
        self.path = path
        self.in_initrd = in_initrd
        self.units = {}
        todo = list(roots)
        while todo:
            name = todo.pop()
            if name in self.units or not UNIT_RE.match(name):
                continue
            u = Unit(name, path)
            self.units[name] = u
            todo.extend(n for _, n in u.pulls)
            todo.extend(self.implied_pulls(u))
        self.after = {n: set() for n in self.units}   # a -> {b}: a is ordered after b
        for u in self.units.values():
            for b in u.words("After"):
                self.order(u.name, b)
            for b in u.words("Before"):
                self.order(b, u.name)
        # then what systemd adds itself; a target's last, once all others are in (the
        # manager's target-deps queue runs after loading, and its loop check sees them)
        for u in sorted(self.units.values(), key=lambda u: unit_type(u.name) == "target"):
            self.default_ordering(u)

    def implied_pulls(self, u):
        out = []
        for p in u.words("RequiresMountsFor") + u.words("WantsMountsFor"):
            out.extend(self.mounts_for(p))
        if u.default_deps and unit_type(u.name) == "service":
            out.append("sysinit.target")
        if unit_type(u.name) == "mount":
            out.extend(self.mounts_for(os.path.dirname(unescape_path(u.name))))
        return out

    @staticmethod
    def mounts_for(path):
        """The mount units of PATH and each of its parents."""
        if not path.startswith("/"):
            return []  # systemd ignores such a path (and the generators leave it out)
        out, p = [], os.path.normpath(path)
        while True:
            out.append(escape_path(p) + ".mount")
            if p == "/":
                return out
            p = os.path.dirname(p)

    def order(self, later, earlier):
        if later in self.units and earlier in self.units and later != earlier:
            self.after[later].add(earlier)

    def default_ordering(self, u):
        t = unit_type(u.name)
        if not u.loaded:
            return  # a unit that is only named gets no implicit edges (and none are added to it)
        if t == "mount":
            # a mount follows the mounts it sits on (not only with default dependencies)
            where = unescape_path(u.name)
            for parent in self.mounts_for(os.path.dirname(where)):
                self.order(u.name, parent)
            for p in u.words("RequiresMountsFor") + u.words("WantsMountsFor"):
                for m in self.mounts_for(p):
                    self.order(u.name, m)
        else:
            for p in u.words("RequiresMountsFor") + u.words("WantsMountsFor"):
                for m in self.mounts_for(p):
                    self.order(u.name, m)
        if not u.default_deps:
            return
        if t == "service":
            self.order(u.name, "sysinit.target")
            self.order(u.name, "basic.target")
            self.order("shutdown.target", u.name)
        elif t == "mount":
            where = unescape_path(u.name)
            nofail = any("nofail" in o for o in u.settings.get("Mount.Options", []))
            if self.in_initrd and (where == "/sysroot" or where.startswith("/sysroot/")):
                before = "initrd-root-fs.target" if where == "/sysroot" else "initrd-fs.target"
            elif self.in_initrd and (where == "/sysusr/usr" or where.startswith("/sysusr/usr/")):
                before = "initrd-usr-fs.target"
            else:
                before = "local-fs.target"
            self.order(u.name, "local-fs-pre.target")
            if not nofail:
                self.order(before, u.name)
            self.order("umount.target", u.name)
        elif t in ("swap", "automount"):
            self.order("umount.target", u.name)
        elif t == "target":
            # a target follows what it pulls in, unless that is ordered after it already
            for _, dep in u.pulls:
                d = self.units.get(dep)
                # both loaded, both with default dependencies, and no loop (systemd's
                # unit_add_default_target_dependency)
                if d and d.loaded and u.loaded and d.default_deps and u.name not in self.after[dep]:
                    self.order(u.name, dep)
            self.order("shutdown.target", u.name)

    def cycles(self):
        """Strongly connected components (Tarjan) with more than one unit, each as a path."""
        index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]
        sys.setrecursionlimit(100000)

        def visit(v):
            index[v] = low[v] = counter[0]
            counter[0] += 1
            stack.append(v)
            on.add(v)
            for w in self.after[v]:
                if w not in index:
                    visit(w)
                    low[v] = min(low[v], low[w])
                elif w in on:
                    low[v] = min(low[v], index[w])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    comps.append(self.path_in(set(comp)))

        for v in sorted(self.after):
            if v not in index:
                visit(v)
        return comps

    def path_in(self, comp):
        """One cycle through the component, to print."""
        start = min(comp)
        path, seen, v = [start], {start}, start
        while True:
            nxt = sorted(w for w in self.after[v] if w in comp)
            w = next((x for x in nxt if x == start), None) or next((x for x in nxt if x not in seen), nxt[0])
            path.append(w)
            if w == start or w in seen:
                return path
            seen.add(w)
            v = w


def tree_units(tree):
    return sorted(f for f in os.listdir(tree)
                  if UNIT_RE.match(f) and os.path.isfile(os.path.join(tree, f)))


def check_tree(tree, in_initrd, extra_dirs):
    """One transaction that starts the default target and every unit of the tree at once: it
    holds each transaction the boot makes (initrd.target's, and those udev starts for a
    device's .requires/.wants), so a cycle in any of them is found. It may also find one
    between units no single transaction would hold together; none such is known here."""
    path = UnitPath([tree] + extra_dirs)
    root = "initrd.target" if in_initrd else "default.target"
    t = Transaction(path, in_initrd, [root] + tree_units(tree))
    return [(root, c) for c in t.cycles()]


def system_dirs(units_args, system_units):
    dirs = [os.path.join(REPO, "units")] + (units_args or [])
    if system_units:
        if not os.path.isdir(system_units):
            sys.exit("cycles: no unit folder %s" % system_units)
        dirs.append(system_units)
    else:
        dirs.append(ORACLE_UNITS if os.path.isdir(ORACLE_UNITS) else "/usr/lib/systemd/system")
    return dirs


def self_test(extra):
    """Each folder under cycles-self-test/ is a tree; its file EXPECT says "cycle" or "none"."""
    ok = True
    for name in sorted(os.listdir(SELF_TESTS)):
        d = os.path.join(SELF_TESTS, name)
        want = open(os.path.join(d, "EXPECT")).read().split()[0].rstrip(":")
        got = check_tree(os.path.join(d, "tree"), True, extra)
        verdict = "cycle" if got else "none"
        if verdict != want:
            ok = False
            print("cycles self-test %s: expected %s, found %s %s" % (name, want, verdict,
                  "; ".join(" -> ".join(c) for _, c in got)))
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    ap.add_argument("--tree", action="append")
    ap.add_argument("--initrd", action="store_true")
    ap.add_argument("--units", action="append", help="more unit dirs after units/ (e.g. dracut's)")
    ap.add_argument("--system-units", help="systemd's own units (default: the oracle's, else this machine's)")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    extra = system_dirs(a.units, a.system_units)
    if not self_test(extra):
        return 1
    if a.self_test:
        print("cycles: self-test passed")
        return 0
    if a.tree:
        jobs = [(t, t, a.initrd) for t in a.tree]
    else:
        jobs = []
        for case in sorted(os.listdir(CASES)):
            if a.only and a.only not in case:
                continue
            c = os.path.join(CASES, case)
            initrd = os.path.exists(os.path.join(c, "root", "etc", "initrd-release"))
            env = os.path.join(c, "env")
            if os.path.exists(env) and re.search(r"^SYSTEMD_IN_INITRD=(0|no|false)", open(env).read(), re.M):
                initrd = False
            jobs.append((case, os.path.join(c, "expected"), initrd))
    bad = declared = 0
    for label, tree, initrd in jobs:
        want = expected_cycles(os.path.join(os.path.dirname(tree), "case.txt"))
        got = check_tree(tree, initrd, extra)
        for root, c in got:
            if frozenset(c) in want:
                declared += 1
                continue
            bad += 1
            print("cycles %s: ordering cycle in the transaction of %s: %s" % (label, root, " -> ".join(c)))
        for w in want - {frozenset(c) for _, c in got}:
            bad += 1
            print("cycles %s: the cycle the case declares was not found: %s" % (label, " ".join(sorted(w))))
    print("cycles: %d trees (units from %s), %d unexpected, %d declared by their input and found"
          % (len(jobs), ", ".join(extra), bad, declared))
    return 1 if bad else 0


def expected_cycles(case_txt):
    """A case whose input itself orders units in a circle (fstab's x-systemd.requires=, as
    systemd writes it too) says so in case.txt, one line per cycle: `cycles: a.mount b.mount`."""
    if not os.path.exists(case_txt):
        return set()
    return {frozenset(l.split(":", 1)[1].split()) for l in open(case_txt) if l.startswith("cycles:")}


if __name__ == "__main__":
    sys.exit(main())
