#!/bin/bash
# The dracut module's copy of the host's fstab for [Fsck] Early= (module-setup.sh:
# _stagehand_install_host_fstab), run on its own with stand-ins for dracut's inst_simple and
# dfatal: which setting copies /etc/fstab, and a bad setting refused with one message.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

inst_simple() { echo "INST $1 $2" >> "$t/log"; }
dfatal() { echo "FATAL $*" >> "$t/log"; }
dinfo() { :; }
# shellcheck source=../90stagehand/module-setup.sh
. "$here/../90stagehand/module-setup.sh"

run() { # SETTING HOSTONLY: the log of one call
    : > "$t/log"
    stagehand_host_fstab=$1 hostonly=$2 _stagehand_install_host_fstab
    echo "rc=$?" >> "$t/log"
}
copied="INST /etc/fstab /etc/stagehand/fstab.host"
has() { grep -qF -- "$1" "$t/log" && ok || bad "$2: expected in the log: $1 (log: $(cat "$t/log"))"; }
lacks() { grep -qF -- "$1" "$t/log" && bad "$2: not expected in the log: $1" || ok; }
if [ -f /etc/fstab ]; then
    run yes ""; has "$copied" yes; has rc=0 yes
    run auto "yes"; has "$copied" "auto, host-only"
else
    echo "dracut/tests/$(basename "$0"): no /etc/fstab here, the copying cases are skipped"
fi
run no "yes"; lacks "$copied" no; has rc=0 no
# auto, not host-only, and no Early= in this machine's stagehand.conf (the test needs none there)
if ! grep -qsi '^[[:space:]]*Early' /etc/stagehand/stagehand.conf /etc/stagehand/stagehand.conf.d/*.conf; then
    run auto ""; lacks "$copied" "auto, generic"; has rc=0 "auto, generic"
fi
run sometimes ""; has "FATAL stagehand: stagehand_host_fstab must be auto, yes or no, not 'sometimes'" bad; has rc=1 bad

finish
