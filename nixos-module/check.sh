#!/usr/bin/env bash
# Checks of the NixOS module with Nix (Debian's nix-bin) and the real nixpkgs library (lib/ of
# nixpkgs: lib.evalModules, lib.types; from ../shared/nixpkgs-lib/nixpkgs-lib.tar.xz, unpacked
# into a temporary directory here, never into the repository), but without nixpkgs' modules and
# packages (tests/nixos-options.nix declares the options the module uses, tests/fake-pkgs.nix
# stands in for pkgs):
#   1. nix-instantiate --parse on every .nix file here (syntax, and every variable bound:
#      Nix resolves names when it parses, except inside `with`, which these files do not use)
#   2. expected values, with nix-instantiate --eval --strict:
#      tests/lib-test.nix: lib.nix (stagehand.conf text, hook scripts, initrd links) on its own;
#      tests/module-eval.nix: default.nix and package.nix under lib.evalModules, realistic
#      configurations and merges (contents, packages, stagehand.conf, assertions, warnings)
#   3. must-fail cases, each evaluated on its own: tests/refusals.nix (lib.nix's refusals of
#      hostile values) and tests/module-failures.nix (type errors, conflicting definitions,
#      unknown options, assertions, hostile values through the module system)
#   4. only with a stagehand command as arguments (check.sh java -jar target/stagehand-0.1.0.jar):
#      the initrd files the module makes for tests/sample-config.nix (every option set) are
#      written to a fake root (stagehand.conf, mdadm.conf from swraid.nix, the hook scripts) and
#      read by that stagehand (`check` and `generate`): no line of stagehand.conf may be
#      refused, the root wait must get the budget, and the generator must write a unit for each
#      hook script and md array the module's files name. Unknown sections are only reported.
# Run by `make check-nix` (part of `make check`), with the JVM build for step 4.
# NIXPKGS_LIB_TARBALL overrides where the library comes from (default: ../shared/nixpkgs-lib
# beside the clone, as in CI).
set -euo pipefail
cd "$(dirname "$0")"

command -v nix-instantiate >/dev/null || { echo "check.sh: no nix-instantiate (apt-get install nix-bin)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "check.sh: no python3" >&2; exit 1; }
echo "nixos-module: $(nix-instantiate --version)"

tarball=${NIXPKGS_LIB_TARBALL:-$(cd .. && pwd)/../shared/nixpkgs-lib/nixpkgs-lib.tar.xz}
[ -f "$tarball" ] || { echo "check.sh: no nixpkgs lib at $tarball (see ../shared/nixpkgs-lib/README.md)" >&2; exit 1; }
command -v xz >/dev/null || { echo "check.sh: no xz (apt-get install xz-utils)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
errs=$tmp/errs
tar -C "$tmp" -xJf "$tarball" lib
[ -f "$tmp/lib/default.nix" ] || { echo "check.sh: $tarball has no lib/default.nix" >&2; exit 1; }
# every evaluation gets the real lib as its argument `lib` (files that are not functions ignore it)
eval_nix() { nix-instantiate --eval --strict --arg lib "import $tmp/lib" "$@"; }
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

# 1. parse
while IFS= read -r f; do
    # stderr only for the message: Nix writes warnings there too (see below)
    if nix-instantiate --parse "$f" >/dev/null 2>"$errs"; then ok; else bad "parse $f: $(cat "$errs")"; fi
done < <(find . -name '*.nix' | sort)

# 2. expected values: each file evaluates to { passed; failed = [ { name; actual; expected; } ]; }
for t in tests/lib-test.nix tests/module-eval.nix; do
    # JSON from stdout alone: on a machine where nix-bin was just installed, Nix warns on stderr
    # ("the group 'nixbld' specified in 'build-users-group' does not exist"), and that line
    # must not reach the parser
    if ! json=$(eval_nix --json "$t" 2>"$errs"); then
        bad "$t does not evaluate: $(cat "$errs")"
        continue
    fi
    read -r p f < <(python3 -c '
import json, sys
d = json.loads(sys.argv[1])
for c in d["failed"]:
    print("FAIL %s: %s" % (sys.argv[2], c["name"]), file=sys.stderr)
    print("  expected: %s" % json.dumps(c["expected"]), file=sys.stderr)
    print("  actual:   %s" % json.dumps(c["actual"]), file=sys.stderr)
print(d["passed"], len(d["failed"]))' "$json" "$t")
    passed=$((passed + p))
    failed=$((failed + f))
    echo "$t: $p passed, $f failed"
done

# 3. must-fail cases: the value must fail to evaluate, and say what is wrong. With a prefix,
# the error must also be a throw of ours ("error: stagehand: ..."), not some other failure.
must_fail() {
    local file=$1 prefix=$2 messages n=0 name message out
    messages=$(eval_nix --json -E "{ lib }: builtins.mapAttrs (_: c: c.message) (import ./$file { inherit lib; })" 2>"$errs") ||
        { bad "$file does not evaluate: $(cat "$errs")"; return; }
    while IFS=$'\t' read -r name message; do
        n=$((n + 1))
        # the error is Nix's message, on stderr; a warning line before it does no harm
        if out=$(eval_nix "$file" -A "$name.value" 2>&1); then
            bad "$file $name: evaluated instead of being refused: $out"
        elif ! grep -qF -- "$message" <<<"$out"; then
            bad "$file $name: refused, but the message lacks: $message"$'\n'"  got: $out"
        elif [ -n "$prefix" ] && ! grep -q "^error: $prefix" <<<"$out"; then
            bad "$file $name: failed, but not by our throw: $out"
        else
            ok
        fi
    done < <(python3 -c '
import json, sys
for k, v in sorted(json.loads(sys.argv[1]).items()):
    assert "\t" not in v and "\n" not in v, k
    print(k + "\t" + v)' "$messages")
    echo "$file: $n cases"
}
must_fail tests/refusals.nix "stagehand: "
must_fail tests/module-failures.nix ""

# 4. the files the module puts into the initrd, read by stagehand itself
if [ $# -gt 0 ]; then
    root=$tmp/root
    out=$tmp/out
    mkdir -p "$root/proc" "$root/etc" "$out"
    # an initrd in which every section of tests/sample-config.nix names something: the root on
    # LVM volume group vg0, two md arrays in the mdadm.conf that swraid.nix writes
    echo "root=/dev/vg0/root rd.lvm.vg=vg0 ro" > "$root/proc/cmdline"
    : > "$root/etc/initrd-release"
    # every file of the evaluated initrd that has text (stagehand.conf, mdadm.conf, the hook
    # scripts), at its place; links into the store are left out (nothing here to point to)
    eval_nix --json -E '{ lib }: let e = import ./tests/eval.nix { inherit lib; }; in
      lib.filterAttrs (_: f: builtins.isAttrs f)
        (e.initrd (e.configOf [ ./tests/sample-config.nix { boot.initrd.stagehand.package = e.fake.stagehand; } ]))' \
        2>"$errs" >"$tmp/files.json" || bad "tests/sample-config.nix does not evaluate: $(cat "$errs")"
    python3 - "$root" "$tmp/files.json" <<'PY'
import json, os, sys
root, files = sys.argv[1], json.load(open(sys.argv[2]))
for target, f in files.items():
    path = root + target
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.write(f["text"])
    os.chmod(path, 0o755 if f["executable"] else 0o644)
PY
    [ -s "$root/etc/stagehand/stagehand.conf" ] && [ -x "$root/etc/stagehand/hooks/nixos/postDeviceCommands" ] &&
        grep -q "^ARRAY /dev/md/data " "$root/etc/mdadm.conf" || bad "the evaluated initrd lacks stagehand.conf, a hook script or mdadm.conf"
    # the other hook tests/sample-config.nix marks optional, as an initramfs-tools script
    mkdir -p "$root/etc/initramfs-tools/scripts/local-top"
    printf '#!/bin/sh\nPREREQ=""\ncase $1 in prereqs) echo "$PREREQ"; exit 0;; esac\n' > "$root/etc/initramfs-tools/scripts/local-top/foo"
    chmod 755 "$root/etc/initramfs-tools/scripts/local-top/foo"
    run() { env -i PATH=/usr/sbin:/usr/bin STAGEHAND_ROOT="$root" SYSTEMD_IN_INITRD=1 "$@"; }
    # the report is on stdout; the JVM may warn on stderr
    if ! report=$(run "$@" check 2>"$errs"); then
        bad "stagehand check on the rendered stagehand.conf failed:"$'\n'"$report"$'\n'"$(cat "$errs")"
    elif grep "stagehand.conf" <<<"$report" | grep -v "unknown section \[\|unknown setting " >&2; then
        bad "stagehand check: the rendered stagehand.conf has lines stagehand refuses (above)"
    else
        ok
        echo "stagehand check on the rendered stagehand.conf: $(grep -c "unknown section\|unknown setting" <<<"$report" || true) section(s)/setting(s) not known to this stagehand yet, no refused line"
    fi
    if run "$@" generate "$out" 2>/dev/null && grep -qs -- "--budget='2min'" "$out/stagehand-rootwait.service"; then
        ok
    else
        bad "stagehand generate did not take [RootWait] Budget=2min from the rendered stagehand.conf"
    fi
    # the generator found what the module wrote: a hook unit per compat script (the one listed
    # in hooks.optional marked so), and swraid.nix's two arrays and the VG given policies
    missing=()
    for c in preDeviceCommands preLVMCommands postDeviceCommands postResumeCommands postMountCommands preFailCommands; do
        grep -qsF "hook run 'nixos/$c'" "$out/stagehand-hook@nixos-$c.service" || missing+=("stagehand-hook@nixos-$c.service")
    done
    grep -qsF -- "--optional='postDeviceCommands'" "$out/stagehand-hook@nixos-postDeviceCommands.service" || missing+=("--optional= of nixos/postDeviceCommands")
    for u in stagehand-md-degraded@0a0a0a0a00000000000000000000000a stagehand-md-degraded@0b0b0b0b00000000000000000000000b stagehand-lvm-activate@vg0; do
        [ -f "$out/$u.service" ] || missing+=("$u.service")
    done
    if [ ${#missing[@]} -eq 0 ]; then ok; else bad "stagehand generate on the module's files lacks: ${missing[*]}"; fi
fi

echo "nixos-module: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
