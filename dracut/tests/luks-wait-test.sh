#!/bin/bash
# The cmdline hook drop-refused-luks-waits.sh: dracut's initqueue wait for an rd.luks.uuid= value
# that is not a LUKS UUID is dropped, the waits for real UUIDs stay. First on a finished hook
# written here with the lines 90crypt's parse-crypt.sh writes (dracut 059 and 106 alike), then,
# where this machine has dracut, after the real parse-crypt.sh ran with stand-ins for dracut-lib.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

hookdir=$t/hooks
finished=$hookdir/initqueue/finished/90-crypt.sh
mkdir -p "$hookdir/initqueue/finished" "$hookdir/emergency"
CMDLINE_WORDS=()
getargs() { # KEY: the values of KEY= words, as dracut-lib's getargs prints them
    local w out=()
    for w in "${CMDLINE_WORDS[@]}"; do [[ $w == "$1="* ]] && out+=("${w#"$1"=}"); done
    [[ ${#out[@]} -gt 0 ]] && echo "${out[*]}"
}
warn() { echo "WARN $*" >> "$t/log"; }
line() { printf '[ -e /dev/disk/by-id/dm-uuid-CRYPT-LUKS?-*%s*-* ] || exit 1\n' "$1"; }
run_hook() { : > "$t/log"; . "$here/../90stagehand/drop-refused-luks-waits.sh"; }
has() { grep -qxF -- "$1" "$finished" && ok || bad "${2:-expected in 90-crypt.sh}: $1"; }
hasnt() { grep -qxF -- "$1" "$finished" && bad "not expected in 90-crypt.sh: $1" || ok; }

good=0a0a0a0a-1111-4222-8333-444455556666
CMDLINE_WORDS=(rd.luks.uuid=PARTLABEL= "rd.luks.uuid=luks-$good" rd.luks.uuid=luks-abc-def rd.luks.uuid='*' rd.lvm=vg//lv)
{ line PARTLABEL=; line "${good//-/}"; line abcdef; line '*'; } > "$finished"
run_hook
has "$(line "${good//-/}")" "the wait for a real UUID is gone"
hasnt "$(line PARTLABEL=)"
hasnt "$(line abcdef)"
hasnt "$(line '*')"
[[ $(wc -l < "$finished") == 1 ]] && ok || bad "expected one line left: $(cat "$finished")"
grep -qF 'rd.luks.uuid=PARTLABEL= is not a LUKS UUID' "$t/log" && ok || bad "no message for PARTLABEL=: $(cat "$t/log")"
[[ $(grep -c '^WARN' "$t/log") == 3 ]] && ok || bad "expected 3 messages: $(cat "$t/log")"
[[ $- != *f* ]] && ok || bad "the hook left pathname expansion off"

# no 90crypt, or nothing to drop: the hook changes nothing and says nothing
rm -f "$finished"
run_hook
[[ ! -e $finished && ! -s $t/log ]] && ok || bad "without 90-crypt.sh the hook wrote something"
CMDLINE_WORDS=("rd.luks.uuid=$good" "rd.luks.uuid=keysource:nonsense")
line "${good//-/}" > "$finished"
run_hook
has "$(line "${good//-/}")"
[[ ! -s $t/log ]] && ok || bad "unexpected message: $(cat "$t/log")"

# the real parse-crypt.sh, where this machine has dracut (the e2e boots install it)
real=/usr/lib/dracut/modules.d/90crypt/parse-crypt.sh
if [[ -r $real ]]; then
    rm -f "$finished"
    getargbool() { return 0; }
    getarg() { :; }
    crypttab_contains() { return 1; }
    dev_unit_name() { echo "$1"; }
    str_replace() { echo "$1"; }
    set_systemd_timeout_for_dev() { :; }
    DRACUT_SYSTEMD=1
    mkdir -p "$t/etc/udev/rules.d"
    CMDLINE_WORDS=(rd.luks.uuid=PARTLABEL= "rd.luks.uuid=$good")
    # parse-crypt.sh writes its udev rules under /etc: run it with that path moved into $t
    sed "s#/etc/#$t/etc/#g" "$real" > "$t/parse-crypt.sh"
    (. "$t/parse-crypt.sh") 2>> "$t/log"
    has "$(line PARTLABEL=)" "parse-crypt.sh no longer writes this line; the hook must learn its new form"
    run_hook
    hasnt "$(line PARTLABEL=)"
    has "$(line "${good//-/}")"
else
    echo "dracut/tests/luks-wait-test.sh: no dracut here ($real); the real parse-crypt.sh part skipped"
fi

finish
