#!/bin/bash
# The dracut module's depends(): with dracut-ng, systemd-cryptsetup is installed only by its own
# module (01systemd-cryptsetup); stagehand's crypt units run it, so the module asks for it where
# that module exists (dracut 059 has none: its 90crypt installs the binary). Run on its own:
# module-setup.sh is sourced with a scratch dracut base dir and sysroot ($t).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

dinfo() { :; }
dwarn() { :; }
dfatal() { :; }
# dracut's own (dracut-init.sh of 059 and of dracut-ng 106 alike): the first match of ??NAME,
# else the pattern itself
dracut_module_path() {
    local _dir
    for _dir in "${dracutbasedir}"/modules.d/??${1}; do
        echo "$_dir"
        return 0
    done
    return 1
}
# shellcheck source=../90stagehand/module-setup.sh
. "$here/../90stagehand/module-setup.sh"
stagehand_fetch=no
systemdutildir=/usr/lib/systemd
dracutbasedir=$t/dracut
dracutsysrootdir=$t/root
mkdir -p "$dracutbasedir/modules.d/00systemd" "$dracutbasedir/modules.d/90crypt"

asks() { # EXPECTED(yes|no) DESCRIPTION
    local got=no
    [[ " $(depends | tr '\n' ' ') " == *" systemd-cryptsetup "* ]] && got=yes
    [[ $got == "$1" ]] && ok || bad "$2: expected $1, got $got ($(depends | tr '\n' ' '))"
}
cryptsetup_at() { # PATH: the host's systemd-cryptsetup (and nothing else)
    rm -rf "$dracutsysrootdir"; mkdir -p "$dracutsysrootdir${1%/*}"
    printf '#!/bin/sh\n' > "$dracutsysrootdir$1"; chmod 755 "$dracutsysrootdir$1"
}

unset hostonly
declare -A host_fs_types=()
cryptsetup_at /usr/lib/systemd/systemd-cryptsetup
asks no "dracut 059 (no systemd-cryptsetup module)"
[[ $(depends | head -n1) == "systemd systemd-initrd" ]] && ok || bad "systemd systemd-initrd asked for always"

mkdir -p "$dracutbasedir/modules.d/01systemd-cryptsetup"
asks yes "dracut-ng 106 (01systemd-cryptsetup), systemd 252's path"
cryptsetup_at /usr/bin/systemd-cryptsetup
asks yes "dracut-ng, systemd 257's /usr/bin"
rm -rf "$dracutsysrootdir"; mkdir -p "$dracutsysrootdir"
asks no "dracut-ng, no systemd-cryptsetup on the host"

# the newest dracut-ng renumbered its modules (71systemd-cryptsetup): the name decides
cryptsetup_at /usr/bin/systemd-cryptsetup
mv "$dracutbasedir/modules.d/01systemd-cryptsetup" "$dracutbasedir/modules.d/71systemd-cryptsetup"
asks yes "dracut-ng with 71systemd-cryptsetup"

# host-only: only a host that has LUKS (a crypto_LUKS device, or an /etc/crypttab)
hostonly=yes
host_fs_types=([/dev/vda1]=ext4)
asks no "host-only, no LUKS on the host"
host_fs_types=([/dev/vda1]=ext4 [/dev/vda2]=crypto_LUKS)
asks yes "host-only, a LUKS device"
host_fs_types=([/dev/vda1]=ext4)
mkdir -p "$dracutsysrootdir/etc"; : > "$dracutsysrootdir/etc/crypttab"
asks yes "host-only, an /etc/crypttab"

finish
