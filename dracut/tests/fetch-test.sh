#!/bin/bash
# The dracut module's decision whether an initrd is for a downloaded root (module-setup.sh:
# _stagehand_network_root, stagehand_fetch=) and what it then installs (_stagehand_install_fetch),
# run on its own: module-setup.sh is sourced with stand-ins for dracut's functions, which log.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

inst_multiple() { echo "INST $*" >> "$t/log"; }
inst_hook() { echo "HOOK $*" >> "$t/log"; }
dracut_module_included() { [[ $1 == dracut-systemd ]]; }
dwarn() { echo "WARN $*" >> "$t/log"; }
dfatal() { echo "FATAL $*" >> "$t/log"; }
dinfo() { :; }
# shellcheck source=../90stagehand/module-setup.sh
. "$here/../90stagehand/module-setup.sh"
moddir=$here/../90stagehand initdir=$t/initrd systemdsystemunitdir=/usr/lib/systemd/system

# the host's files are not looked at here: no /etc/kernel/cmdline etc. on a test machine may
# decide it, so only kernel_cmdline= and stagehand_fetch= are varied (hostonly unset)
decides() { # EXPECTED(0|1) DESCRIPTION
    local got=0
    _stagehand_network_root || got=1
    [[ $got == "$1" ]] && ok || bad "$2: expected $1, got $got"
}
if [[ -e /etc/kernel/cmdline ]] || compgen -G '/etc/cmdline.d/*.conf' > /dev/null ||
    grep -qs '\[Fetch\]' /etc/stagehand/stagehand.conf /etc/stagehand/stagehand.conf.d/*.conf; then
    echo "dracut/tests/fetch-test.sh: this machine's own configuration would decide; skipped"
    exit 0
fi
unset hostonly stagehand_fetch
kernel_cmdline="ro root=UUID=1234" decides 1 "a device root"
kernel_cmdline="root=http://10.0.2.100/a.tar.xz ro" decides 0 "root=http://"
kernel_cmdline="quiet root=https://h/a.tar.zst" decides 0 "root=https://"
kernel_cmdline="root=\"https://h/a.tar.zst\"" decides 0 "a quoted root=https://"
kernel_cmdline="rootx=http://h/a.tar" decides 1 "another key"
kernel_cmdline="root=live:http://h/a.img" decides 1 "dracut's livenet"
stagehand_fetch=no kernel_cmdline="root=http://h/a.tar" decides 1 "stagehand_fetch=no"
stagehand_fetch=yes kernel_cmdline="" decides 0 "stagehand_fetch=yes"

stagehand_fetch=yes _stagehand_install_fetch
grep -q '^INST curl tar gzip xz mount$' "$t/log" && ok || bad "curl, tar, gzip, xz, mount installed: $(cat "$t/log")"
grep -q '^INST -o zstd bzip2$' "$t/log" && ok || bad "zstd, bzip2 optional"
grep -q "^HOOK cmdline 95 .*parse-stagehand-fetch.sh$" "$t/log" && ok || bad "the cmdline hook"
grep -q '^After=dracut-initqueue.service$' "$t/initrd/usr/lib/systemd/system/stagehand-fetch.service.d/50-dracut-network.conf" &&
    ok || bad "the ordering after dracut's initqueue"
: > "$t/log"
stagehand_fetch=maybe _stagehand_install_fetch && bad "stagehand_fetch=maybe accepted" || ok
grep -q "FATAL stagehand: stagehand_fetch must be auto, yes or no, not 'maybe'" "$t/log" && ok || bad "stagehand_fetch=maybe: $(cat "$t/log")"

# the cmdline hook: rootok for http(s) roots, rd.neednet=1 unless given
mkdir -p "$t/etc/cmdline.d"
hook() { # ROOT NEEDNET(0|1)
    (
        getargbool() { [[ $2 == rd.neednet && $NEED == 1 ]]; }
        root=$1 NEED=$2 rootok=
        # the hook writes /etc/cmdline.d: run it on a copy that writes into $t
        . <(sed "s|/etc/cmdline.d|$t/etc/cmdline.d|" "$here/../90stagehand/parse-stagehand-fetch.sh")
        echo "rootok=${rootok:-}"
    )
}
rm -f "$t/etc/cmdline.d/"*
[[ $(hook http://h/a.tar 0) == rootok=1 ]] && ok || bad "rootok for http"
grep -qx 'rd.neednet=1' "$t/etc/cmdline.d/90stagehand-fetch.conf" && ok || bad "rd.neednet=1 written"
rm -f "$t/etc/cmdline.d/"*
[[ $(hook https://h/a.tar 1) == rootok=1 ]] && ok || bad "rootok for https"
[[ ! -e $t/etc/cmdline.d/90stagehand-fetch.conf ]] && ok || bad "rd.neednet given: nothing written"
[[ $(hook UUID=1234 0) == rootok= ]] && ok || bad "a device root is not the hook's"
[[ ! -e $t/etc/cmdline.d/90stagehand-fetch.conf ]] && ok || bad "a device root: nothing written"

finish
