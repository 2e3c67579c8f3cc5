#!/bin/sh
# dracut cmdline hook of the stagehand module, after 90crypt's parse-crypt.sh (cmdline 30).
#
# For every rd.luks.uuid= value, parse-crypt.sh adds a line to initqueue/finished/90-crypt.sh
# that holds dracut-initqueue.service (and with it sysroot.mount) until a dm-crypt device with
# that UUID exists; when it never does, the initqueue gives up after rd.retry= and the boot
# goes to emergency mode, even with the root mounted and ready. stagehand refuses a value that
# is not a LUKS UUID (cryptsetup writes every one in the 8-4-4-4-12 form, so no device can
# ever carry another: kernel command line (rd.luks.uuid=) in the generator's messages). Such a
# value names no volume for stagehand, so dracut must not wait for it either: its line is
# dropped here, with a message. Lines for real UUIDs stay as dracut wrote them.

# (sourced by dracut-cmdline.sh: no exit or return here)
_finished=${hookdir:-/lib/dracut/hooks}/initqueue/finished/90-crypt.sh

_stagehand_is_luks_uuid() {
    case "$1" in
        [0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]-[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]-[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]-[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]-[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]) return 0 ;;
    esac
    return 1
}

# values may hold glob characters: no pathname expansion while they are split and compared
_stagehand_noglob=
case $- in *f*) _stagehand_noglob=1 ;; esac
set -f
[ -f "$_finished" ] && for _luksid in $(getargs rd.luks.uuid); do
    case "$_luksid" in keysource:*) continue ;; esac # parse-crypt.sh writes no wait for these
    _luksid=${_luksid##luks-}
    _stagehand_is_luks_uuid "$_luksid" && continue
    # the line as parse-crypt.sh writes it: the value without its dashes, between globs
    _uuid=$_luksid
    while [ "$_uuid" != "${_uuid#*-}" ]; do _uuid=${_uuid%%-*}${_uuid#*-}; done
    _line="[ -e /dev/disk/by-id/dm-uuid-CRYPT-LUKS?-*${_uuid}*-* ] || exit 1"
    if grep -qxF -- "$_line" "$_finished"; then
        grep -vxF -- "$_line" "$_finished" > "$_finished.stagehand"
        cat "$_finished.stagehand" > "$_finished"
        rm -f "$_finished.stagehand"
        warn "stagehand: rd.luks.uuid=$_luksid is not a LUKS UUID (8-4-4-4-12 hex digits); dracut's wait for it is dropped, nothing is unlocked for it"
    fi
done
[ -n "$_stagehand_noglob" ] || set +f
unset _finished _luksid _uuid _line _stagehand_noglob
