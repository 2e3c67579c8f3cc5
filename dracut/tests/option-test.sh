#!/bin/bash
# The dracut module's OPTION= check (module-setup.sh: _stagehand_script_wanted), run on its own:
# module-setup.sh is sourced with stand-ins for dracut's inst_simple and dwarn, and copies a
# scripts folder whose scripts name options set, unset, "n" and malformed in a CONFDIR made here.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

inst_simple() { echo "INST $2" >> "$t/log"; }
dwarn() { echo "WARN $*" >> "$t/log"; }
dinfo() { :; }
# shellcheck source=../90stagehand/module-setup.sh
. "$here/../90stagehand/module-setup.sh"

conf=$t/conf
mkdir -p "$conf/conf.d" "$conf/scripts/local-top"
printf 'MODULES=most\nWITH_FB=y\n' > "$conf/initramfs.conf"
printf 'FROM_CONFD="yes"\nSAYS_NO=n\n' > "$conf/conf.d/extra"
script() { # NAME OPTION-LINE
    printf '#!/bin/sh\n%s\nPREREQ=""\ncase $1 in prereqs) echo "$PREREQ"; exit 0;; esac\n' "$2" > "$conf/scripts/local-top/$1"
    chmod 755 "$conf/scripts/local-top/$1"
}
script plain '# no option line'
script fb 'OPTION=WITH_FB'
script confd 'OPTION=FROM_CONFD  '
script unset 'OPTION=NEVER_SET'
script no 'OPTION=SAYS_NO'
script weird 'OPTION=$(reboot)'
stagehand_initramfs_tools_confdir=$conf
_stagehand_copy_scripts "$conf/scripts" /etc/initramfs-tools/scripts

expect() { grep -qF -- "$1" "$t/log" && ok || bad "expected in the log: $1"; }
reject() { grep -qF -- "$1" "$t/log" && bad "not expected in the log: $1" || ok; }
expect "INST /etc/initramfs-tools/scripts/local-top/plain"
expect "INST /etc/initramfs-tools/scripts/local-top/fb"
expect "INST /etc/initramfs-tools/scripts/local-top/confd"
reject "INST /etc/initramfs-tools/scripts/local-top/unset"
reject "INST /etc/initramfs-tools/scripts/local-top/no"
reject "INST /etc/initramfs-tools/scripts/local-top/weird"
expect "local-top/unset: left out of the initrd, as mkinitramfs does: its OPTION=NEVER_SET is unset in initramfs-tools' configuration (set NEVER_SET=y in $conf/conf.d/ to include it)"
expect "local-top/no: left out of the initrd, as mkinitramfs does: its OPTION=SAYS_NO is n in"
expect "local-top/weird: OPTION=\$(reboot) is not a variable name; script left out of the initrd"
[ "$(grep -c '^WARN' "$t/log")" = 3 ] && ok || bad "expected 3 warnings, got: $(grep '^WARN' "$t/log")"

finish
