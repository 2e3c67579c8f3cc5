#!/usr/bin/env bash
# Checks of the NixOS module that need only Nix (Debian's nix-bin), no nixpkgs:
#   1. nix-instantiate --parse on every .nix file here (syntax, and every variable bound:
#      Nix resolves names when it parses, except inside `with`, which these files do not use)
#   2. tests/lib-test.nix: lib.nix (stagehand.conf text, hook scripts, initrd links) against
#      expected values, with nix-instantiate --eval --strict
#   3. tests/refusals.nix: each hostile value must stop the evaluation with its message
#   4. tests/module-stub.nix: default.nix and package.nix against a stand-in for nixpkgs'
#      lib/pkgs (see that file for what this does and does not show)
#   5. only with a stagehand command as arguments (check.sh java -jar target/stagehand-0.1.0.jar):
#      a stagehand.conf rendered by lib.nix with every option set is read by that stagehand
#      (`check` and `generate` on a fake root): no line of it may be refused, and the root
#      wait must get the budget. Sections stagehand does not know yet are only reported.
# Run by `make check-nix` (part of `make check`), with the JVM build for step 5.
set -euo pipefail
cd "$(dirname "$0")"

command -v nix-instantiate >/dev/null || { echo "check.sh: no nix-instantiate (apt-get install nix-bin)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "check.sh: no python3" >&2; exit 1; }
echo "nixos-module: $(nix-instantiate --version)"

errs=$(mktemp)
trap 'rm -f "$errs"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

# 1. parse
while IFS= read -r f; do
    # stderr only for the message: Nix writes warnings there too (see below)
    if nix-instantiate --parse "$f" >/dev/null 2>"$errs"; then ok; else bad "parse $f: $(cat "$errs")"; fi
done < <(find . -name '*.nix' | sort)

# 2 and 4. expected values: each file evaluates to { passed; failed = [ { name; actual; expected; } ]; }
for t in tests/lib-test.nix tests/module-stub.nix; do
    # JSON from stdout alone: on a machine where nix-bin was just installed, Nix warns on stderr
    # ("the group 'nixbld' specified in 'build-users-group' does not exist"), and that line
    # must not reach the parser
    if ! json=$(nix-instantiate --eval --strict --json "$t" 2>"$errs"); then
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

# 3. refusals: the value must fail to evaluate, and say what is wrong
messages=$(nix-instantiate --eval --strict --json -E 'builtins.mapAttrs (_: c: c.message) (import ./tests/refusals.nix)')
n_ref=0
while IFS=$'\t' read -r name message; do
    n_ref=$((n_ref + 1))
    # the refusal is Nix's error message, on stderr; a warning line before it does no harm:
    # the checks below look for the message and for a line that starts with "error: stagehand: "
    if out=$(nix-instantiate --eval --strict tests/refusals.nix -A "$name.value" 2>&1); then
        bad "refusals.nix $name: evaluated instead of being refused: $out"
    elif ! grep -qF -- "$message" <<<"$out"; then
        bad "refusals.nix $name: refused, but the message lacks: $message"$'\n'"  got: $out"
    elif ! grep -q "^error: stagehand: " <<<"$out"; then
        bad "refusals.nix $name: failed, but not by stagehand's throw: $out"
    else
        ok
    fi
done < <(python3 -c '
import json, sys
for k, v in sorted(json.loads(sys.argv[1]).items()):
    assert "\t" not in v and "\n" not in v, k
    print(k + "\t" + v)' "$messages")
echo "tests/refusals.nix: $n_ref cases"

# 5. the rendered file, read by stagehand itself
if [ $# -gt 0 ]; then
    root=$(mktemp -d)
    out=$(mktemp -d)
    trap 'rm -rf "$root" "$out" "$errs"' EXIT
    mkdir -p "$root/proc" "$root/etc/stagehand"
    # an initrd in which every section of tests/sample-config.nix names something: the root on
    # LVM volume group vg0, two md arrays in mdadm.conf (one by its name=, one by its device)
    echo "root=/dev/vg0/root rd.lvm.vg=vg0 ro" > "$root/proc/cmdline"
    cat > "$root/etc/mdadm.conf" <<'MDADM'
ARRAY /dev/md/root metadata=1.2 UUID=0a0a0a0a:00000000:00000000:0000000a name=myhost:root
ARRAY /dev/md/data metadata=1.2 UUID=0b0b0b0b:00000000:00000000:0000000b name=myhost:data
MDADM
    : > "$root/etc/initrd-release"
    # the hooks tests/sample-config.nix marks optional exist here, as they would in that initrd
    mkdir -p "$root/etc/stagehand/hooks/nixos" "$root/etc/initramfs-tools/scripts/local-top"
    printf '#!/bin/sh\ntrue\n' > "$root/etc/stagehand/hooks/nixos/postDeviceCommands"
    printf '#!/bin/sh\nPREREQ=""\ncase $1 in prereqs) echo "$PREREQ"; exit 0;; esac\n' > "$root/etc/initramfs-tools/scripts/local-top/foo"
    chmod 755 "$root/etc/stagehand/hooks/nixos/postDeviceCommands" "$root/etc/initramfs-tools/scripts/local-top/foo"
    nix-instantiate --eval --strict --json -E 'import ./tests/sample-config.nix' |
        python3 -c 'import json, sys; sys.stdout.write(json.load(sys.stdin))' > "$root/etc/stagehand/stagehand.conf"
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
fi

echo "nixos-module: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
