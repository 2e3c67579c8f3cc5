#!/bin/bash
# dracut module "stagehand": puts the stagehand generator and units into a systemd initrd and
# masks the systemd generators it replaces. See dracut/README.md.
#
# Settings (shell variables: put them in a dracut.conf.d/*.conf file or the environment):
#   stagehand_binary=PATH      native binary to install as /usr/bin/stagehand
#                              (default: /usr/bin/stagehand)
#   stagehand_unitdir=DIR      static units (*.service *.target *.timer *.path *.socket and
#                              NAME.d/*.conf drop-in dirs) to install into the initrd's
#                              system unit dir (default: $moddir/units; missing or empty is fine)
#   stagehand_functions=PATH   /scripts/functions for initramfs-tools scripts (stagehand's
#                              hooks/functions; default: $moddir/functions, else
#                              /usr/lib/stagehand/hooks/functions)
#   stagehand_initramfs_scripts=etc|all|none
#                              initramfs-tools scripts to put into the initrd for stagehand's
#                              legacy hook units (docs/hooks.md):
#                              etc  (default) the administrator's, CONFDIR/scripts/STAGE/*
#                              all  also the packages' /usr/share/initramfs-tools/scripts/STAGE/*
#                                   (most of those do what systemd does here: udev, mdadm,
#                                   cryptroot, lvm2; only with care)
#                              none no scripts
#                              What the scripts run must be in the initrd too (install_items+=).
#   stagehand_initramfs_tools_confdir=DIR
#                              CONFDIR above (default /etc/initramfs-tools, as mkinitramfs -d)
#   stagehand_nixos_hooks=DIR  NixOS stage-1 command files (default /etc/stagehand/hooks/nixos)
#   stagehand_dracut_device_timeout=keep|strip
#                              keep  (default) leave dracut-rootfs-generator alone: it writes
#                                    JobTimeoutSec=rd.timeout (0 = wait forever when rd.timeout
#                                    is unset) for the root device. stagehand-generator's
#                                    zz-stagehand-rootwait.conf drop-in sorts after it and sets
#                                    infinity; stagehand-rootwait.service does the timing.
#                              strip wrap dracut-rootfs-generator so that this timeout drop-in
#                                    (<root-dev>.device.d/timeout.conf) is removed after it ran;
#                                    everything else it does (initqueue "finished" hook, fsck
#                                    ordering, emergency hint, initrd.target.wants link) stays.
#                                    With stagehand's root wait drop-ins this changes nothing
#                                    for a device root (see dracut/README.md).
#   stagehand_fetch=auto|yes|no
#                              a root downloaded at boot (root=http(s)://..., docs/fetch.md):
#                              yes  install what stagehand fetch runs (curl, GNU tar, xz, gzip,
#                                   zstd, bzip2, mount), dracut's network and url-lib modules
#                                   (curl and the CA bundle), a cmdline hook that accepts
#                                   root=http(s):// and sets rd.neednet=1, and an ordering of
#                                   stagehand-fetch.service after dracut's initqueue (where the
#                                   network comes up)
#                              auto (default) yes when the host's configuration names such a
#                                   root: root=http:// or https:// in dracut's kernel_cmdline=,
#                                   /etc/kernel/cmdline, /etc/cmdline.d/*.conf or (host-only)
#                                   /proc/cmdline, or a [Fetch] section in stagehand.conf
#                              no   none of it
#   stagehand_lvm_activation_mode=complete|keep
#                              complete (default, when 90lvm is in the initrd) set
#                                    activation/activation_mode = "complete" in the initrd's
#                                    /etc/lvm/lvmlocal.conf (which wins over lvm.conf). lvm's
#                                    default is "degraded": dracut's lvm_scan, run at the first
#                                    settled initqueue pass, would activate a RAID LV with a
#                                    missing PV degraded at once, before the missing disk had
#                                    any time to appear, and stagehand's degraded policy
#                                    (stagehand-lvm-activate@VG.service) would never apply.
#                                    dracut's own late scan (initqueue timeout) still passes
#                                    --activationmode degraded, which wins over the file.
#                              keep  leave lvm's configuration as it is
#   stagehand_host_fstab=auto|yes|no
#                              a copy of the host's /etc/fstab at /etc/stagehand/fstab.host in
#                              the initrd, for [Fsck] Early= / rd.stagehand.fsck.early= (the
#                              host's file systems checked in the initrd; docs/fsck.md)
#                              auto (default) when the initrd is host-only, or stagehand.conf
#                                   says Early=yes (or 1, true, on)
#                              yes  always (when /etc/fstab exists); no  never

# Generators stagehand replaces: each is masked in the initrd by a link
# /etc/systemd/system-generators/NAME -> /dev/null (shadows $systemdutildir/system-generators/NAME).
# stagehand writes the units of both (root/fstab and crypttab/rd.luks.*).
STAGEHAND_REPLACED_GENERATORS="systemd-fstab-generator systemd-cryptsetup-generator"

_stagehand_binary() {
    echo "${stagehand_binary:-/usr/bin/stagehand}"
}

# called by dracut
check() {
    # without the binary there is nothing to install
    [[ -x "$(_stagehand_binary)" ]] || {
        dinfo "dracut module 'stagehand' will not be installed: no binary at $(_stagehand_binary)"
        return 1
    }
    # 0: included by default (it replaces the fstab generator whenever it is installed)
    return 0
}

# _stagehand_network_root: 0 when the initrd is for a root downloaded at boot (stagehand_fetch above)
_stagehand_network_root() {
    local _words=${kernel_cmdline-} _f
    case ${stagehand_fetch:-auto} in
        yes) return 0 ;;
        no) return 1 ;;
        auto) ;;
        *) return 1 ;; # install() says so
    esac
    for _f in /etc/kernel/cmdline /etc/cmdline.d/*.conf; do
        [[ -f $_f ]] && _words+=" $(< "$_f")"
    done
    [[ ${hostonly-} && -r /proc/cmdline ]] && _words+=" $(< /proc/cmdline)"
    [[ " $_words " =~ [[:space:]]root=[\"\']?https?:// ]] && return 0
    grep -qsE '^[[:space:]]*\[Fetch\]' /etc/stagehand/stagehand.conf /etc/stagehand/stagehand.conf.d/*.conf && return 0
    return 1
}

# _stagehand_cryptsetup_module: 0 when this dracut has a module of its own for systemd-cryptsetup
# (dracut-ng: 01systemd-cryptsetup; dracut 059 and older install it from 90crypt), the host has
# the binary and the initrd may open LUKS: always for a generic initrd (rd.luks.* may name a
# volume at boot), for a host-only one when the host has a LUKS device or an /etc/crypttab (the
# module's own check() asks the same). Asked of the module dir, not the version number.
_stagehand_cryptsetup_module() {
    local _dir _fs
    _dir=$(dracut_module_path systemd-cryptsetup) && [[ -d $_dir ]] || return 1
    [[ -x ${dracutsysrootdir-}$systemdutildir/systemd-cryptsetup ||
        -x ${dracutsysrootdir-}/usr/bin/systemd-cryptsetup ]] || return 1
    [[ ${hostonly-} ]] || return 0
    [[ -f ${dracutsysrootdir-}/etc/crypttab ]] && return 0
    for _fs in "${host_fs_types[@]}"; do
        [[ $_fs == crypto_LUKS ]] && return 0
    done
    return 1
}

# called by dracut
depends() {
    # sysroot.mount and friends hook into initrd-root-fs.target etc. from systemd-initrd
    echo systemd systemd-initrd
    # stagehand replaces systemd-cryptsetup-generator: its systemd-cryptsetup@ units run
    # systemd-cryptsetup, which dracut-ng installs only from 01systemd-cryptsetup (that module
    # brings crypt, dm and systemd-ask-password along). Without it every LUKS boot fails.
    _stagehand_cryptsetup_module && echo systemd-cryptsetup
    # a downloaded root: dracut's network (an address, DHCP) and url-lib (curl, the CA bundle)
    _stagehand_network_root && echo network url-lib
    # roothash= with root=image: the verity device is a device-mapper one (dm's udev rules
    # make /dev/mapper/root and its device unit)
    [[ -x ${dracutsysrootdir-}$systemdutildir/systemd-veritysetup ]] && echo dm
    return 0
}

# what stagehand fetch runs, and dracut's part of the network root (stagehand_fetch above)
_stagehand_install_fetch() {
    case ${stagehand_fetch:-auto} in
        auto | yes | no) ;;
        *)
            dfatal "stagehand: stagehand_fetch must be auto, yes or no, not '${stagehand_fetch}'"
            return 1
            ;;
    esac
    _stagehand_network_root || return 0
    inst_multiple curl tar gzip xz mount || {
        dfatal "stagehand: a downloaded root needs curl, tar, gzip, xz and mount in the initrd"
        return 1
    }
    inst_multiple -o zstd bzip2
    tar --version 2> /dev/null | grep -q 'GNU tar' ||
        dwarn "stagehand: $(command -v tar) is not GNU tar; stagehand fetch needs its --xattrs options"
    inst_hook cmdline 95 "$moddir/parse-stagehand-fetch.sh"
    if dracut_module_included dracut-systemd; then
        mkdir -p "${initdir}${systemdsystemunitdir}/stagehand-fetch.service.d"
        printf '%s\n' '[Unit]' \
            '# dracut brings the network up in its initqueue (rd.neednet=1: it waits there for an' \
            '# interface with an address); network-online.target does not wait for it' \
            'After=dracut-initqueue.service' \
            > "${initdir}${systemdsystemunitdir}/stagehand-fetch.service.d/50-dracut-network.conf"
    fi
    return 0
}

# the stages stagehand runs (HookPoint.java)
STAGEHAND_HOOK_STAGES="init-top init-premount local-top local-block local-premount local-bottom init-bottom"

# _stagehand_initramfs_conf NAME: the value of NAME in initramfs-tools' configuration, read
# as mkinitramfs reads it: CONFDIR/initramfs.conf, the conf.d files of /usr/share/initramfs-tools
# (unless CONFDIR/conf.d has one of the same name) and of CONFDIR, the packages' conf-hooks.d.
# They are shell files: sourced in a subshell, as mkinitramfs sources them.
_stagehand_initramfs_conf() {
    local _name=$1
    (
        _c=${stagehand_initramfs_tools_confdir:-/etc/initramfs-tools}
        [[ -f $_c/initramfs.conf ]] && . "$_c/initramfs.conf"
        for _i in /usr/share/initramfs-tools/conf.d/*; do
            [[ -f $_i && ! -e $_c/conf.d/${_i##*/} ]] && . "$_i"
        done
        for _i in "$_c"/conf.d/*; do
            [[ -f $_i ]] && . "$_i"
        done
        for _i in /usr/share/initramfs-tools/conf-hooks.d/*; do
            [[ -f $_i ]] && . "$_i"
        done
        printf '%s' "${!_name-}"
    ) < /dev/null 2> /dev/null
}

# _stagehand_script_wanted FILE: 0 unless the script has an OPTION=NAME line and NAME is unset
# or "n" in initramfs-tools' configuration. mkinitramfs used to leave such a script out of the
# initrd (option=$(sed ... s/^OPTION=//); eval test -n "${$option}" -a "${$option}" != "n";
# FRAMEBUFFER, which plymouth's conf hook sets, is the usual one); current mkinitramfs no longer
# checks it and copies every script. stagehand keeps the check, and says for each script it
# leaves out what to set to include it.
_stagehand_script_wanted() {
    local _f=$1 _opt _val
    _opt=$(sed -n 's/^OPTION=//p' "$_f" 2> /dev/null | head -n 1)
    _opt=${_opt%%[[:space:]#;]*}
    _opt=${_opt//\"/}
    _opt=${_opt//\'/}
    [[ -z $_opt ]] && return 0
    if ! [[ $_opt =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
        dwarn "stagehand: $_f: OPTION=$_opt is not a variable name; script left out of the initrd (write OPTION=NAME, or remove the line)"
        return 1
    fi
    _val=$(_stagehand_initramfs_conf "$_opt")
    if [[ -z $_val || $_val == n ]]; then
        dwarn "stagehand: $_f: left out of the initrd, as mkinitramfs does: its OPTION=$_opt is ${_val:-unset} in initramfs-tools' configuration (set $_opt=y in ${stagehand_initramfs_tools_confdir:-/etc/initramfs-tools}/conf.d/ to include it)"
        return 1
    fi
    return 0
}

# _stagehand_copy_scripts SRC_SCRIPTS_DIR DEST_SCRIPTS_DIR: the executable, regular files of each
# stage whose names initramfs-tools accepts (mkinitramfs' find -regex '.*/[[:alnum:]._-]+$') and
# whose OPTION= (if any) is set
_stagehand_copy_scripts() {
    local _src=$1 _dst=$2 _stage _f _n
    for _stage in $STAGEHAND_HOOK_STAGES; do
        [[ -d $_src/$_stage ]] || continue
        for _f in "$_src/$_stage"/*; do
            [[ -f $_f ]] || continue
            _n=${_f##*/}
            [[ $_n =~ ^[[:alnum:]._-]+$ ]] || continue
            _stagehand_script_wanted "$_f" || continue
            inst_simple "$_f" "$_dst/$_stage/$_n"
        done
    done
}

_stagehand_install_hooks() {
    local _fn _confdir _f
    _fn=${stagehand_functions:-$moddir/functions}
    [[ -f $_fn ]] || _fn=/usr/lib/stagehand/hooks/functions
    if [[ -f $_fn ]]; then
        inst_simple "$_fn" /usr/lib/stagehand/hooks/functions
        mkdir -p "${initdir}/scripts"
        ln -sfn /usr/lib/stagehand/hooks/functions "${initdir}/scripts/functions"
    else
        dwarn "stagehand: no hooks functions file; initramfs-tools scripts that source /scripts/functions will fail"
    fi
    _confdir=${stagehand_initramfs_tools_confdir:-/etc/initramfs-tools}
    case ${stagehand_initramfs_scripts:-etc} in
        none) ;;
        etc) _stagehand_copy_scripts "$_confdir/scripts" /etc/initramfs-tools/scripts ;;
        all)
            _stagehand_copy_scripts /usr/share/initramfs-tools/scripts /usr/share/initramfs-tools/scripts
            _stagehand_copy_scripts "$_confdir/scripts" /etc/initramfs-tools/scripts
            ;;
        *)
            dfatal "stagehand: stagehand_initramfs_scripts must be etc, all or none, not '${stagehand_initramfs_scripts}'"
            return 1
            ;;
    esac
    for _f in "${stagehand_nixos_hooks:-/etc/stagehand/hooks/nixos}"/*; do
        [[ -f $_f ]] || continue
        inst_simple "$_f" "/etc/stagehand/hooks/nixos/${_f##*/}"
    done
    for _f in /etc/stagehand/stagehand.conf /etc/stagehand/stagehand.conf.d/*.conf; do
        [[ -f $_f ]] || continue
        inst_simple "$_f"
    done
    return 0
}

# the host's fstab for [Fsck] Early= (see stagehand_host_fstab above)
_stagehand_install_host_fstab() {
    case ${stagehand_host_fstab:-auto} in
        yes) ;;
        no) return 0 ;;
        auto)
            [[ ${hostonly-} ]] ||
                grep -qsiE '^[[:space:]]*Early[[:space:]]*=[[:space:]]*(1|yes|y|true|t|on)[[:space:]]*$' \
                    /etc/stagehand/stagehand.conf /etc/stagehand/stagehand.conf.d/*.conf ||
                return 0
            ;;
        *)
            dfatal "stagehand: stagehand_host_fstab must be auto, yes or no, not '${stagehand_host_fstab}'"
            return 1
            ;;
    esac
    [[ -f /etc/fstab ]] || return 0
    inst_simple /etc/fstab /etc/stagehand/fstab.host
}

# activation_mode = "complete" in the initrd's lvmlocal.conf: an existing setting there is
# replaced, else an activation section is added (lvm merges sections of the same name)
_stagehand_lvm_complete() {
    local _f="${initdir}/etc/lvm/lvmlocal.conf"
    mkdir -p "${initdir}/etc/lvm"
    if [[ -f $_f ]] && grep -Eq '^[[:space:]]*activation_mode[[:space:]]*=' "$_f"; then
        sed -i -E 's/^([[:space:]]*activation_mode[[:space:]]*=).*/\1 "complete"/' "$_f"
    else
        printf '%s\n' \
            '# added by dracut module stagehand: lvm activates an LV only when all its PVs are present;' \
            '# stagehand-lvm-activate@VG.service activates RAID LVs degraded after its timeout' \
            'activation {' \
            '	activation_mode = "complete"' \
            '}' >> "$_f"
    fi
}

# called by dracut: root=image: (docs/image-root.md) needs a loop device, overlayfs and the
# image's file system (and dm-verity for roothash=); -o: a kernel built without one of them as a
# module still gets an initrd
installkernel() {
    instmods -o loop overlay erofs squashfs dm-verity
}

# called by dracut
install() {
    local _bin _unitdir _f _name _g _mode

    # 1. the binary, and the generator link (the binary dispatches on argv[0])
    _bin=$(_stagehand_binary)
    inst_binary "$_bin" /usr/bin/stagehand || {
        dfatal "stagehand: cannot install $_bin"
        return 1
    }
    inst_dir "$systemdutildir/system-generators"
    ln -sfn /usr/bin/stagehand "${initdir}${systemdutildir}/system-generators/stagehand-generator"
    # root=image:DEVICE:/PATH is stagehand's: tell dracut-cmdline.sh it knows that root= (it
    # sources the cmdline hooks before it refuses a root= it does not know)
    inst_hook cmdline 90 "$moddir/parse-image-root.sh"
    # roothash= with root=image: systemd-veritysetup@root.service runs systemd's own
    # systemd-veritysetup, which dlopen()s libcryptsetup (as 01systemd-veritysetup installs them;
    # that module's generator is not needed: stagehand writes the unit)
    if [[ -x ${dracutsysrootdir-}$systemdutildir/systemd-veritysetup ]]; then
        inst_multiple -o "$systemdutildir"/systemd-veritysetup
        local _arch=${DRACUT_ARCH:-$(uname -m)}
        inst_libdir_file {"tls/$_arch/",tls/,"$_arch/",}"libcryptsetup.so.*"
    fi
    # an rd.luks.uuid= value stagehand refuses (not a LUKS UUID) must not hold dracut's
    # initqueue either: after 90crypt's parse-crypt.sh (cmdline 30) drop its wait
    inst_hook cmdline 31 "$moddir/drop-refused-luks-waits.sh"

    # 2. static units shipped with stagehand (there may be none)
    _unitdir=${stagehand_unitdir:-$moddir/units}
    if [[ -d $_unitdir ]]; then
        for _f in "$_unitdir"/*.service "$_unitdir"/*.target "$_unitdir"/*.timer \
            "$_unitdir"/*.path "$_unitdir"/*.socket; do
            [[ -f $_f ]] || continue
            inst_simple "$_f" "$systemdsystemunitdir/${_f##*/}"
        done
        for _f in "$_unitdir"/*.d/*.conf; do
            [[ -f $_f ]] || continue
            _name=${_f%/*}
            _name=${_name##*/}
            inst_simple "$_f" "$systemdsystemunitdir/$_name/${_f##*/}"
        done
        # units with an [Install] section are enabled in the initrd (WantedBy= etc.)
        for _f in "$_unitdir"/*.service "$_unitdir"/*.target "$_unitdir"/*.timer \
            "$_unitdir"/*.path "$_unitdir"/*.socket; do
            [[ -f $_f ]] || continue
            grep -q '^\[Install\]' "$_f" || continue
            $SYSTEMCTL -q --root "$initdir" enable "${_f##*/}" ||
                dwarn "stagehand: could not enable ${_f##*/}"
        done
    fi

    # 3. mask the generators stagehand replaces. The binaries stay installed: e.g. systemd 252's
    #    initrd-parse-etc.service runs systemd-fstab-generator by path (systemd-sysroot-fstab-check),
    #    which a mask in /etc/systemd/system-generators does not (and should not) affect.
    inst_dir /etc/systemd/system-generators
    for _g in $STAGEHAND_REPLACED_GENERATORS; do
        ln -sfn /dev/null "${initdir}/etc/systemd/system-generators/$_g"
    done

    # 4. legacy hooks: the functions file, the scripts, NixOS' command files, stagehand.conf
    #    (its [Hooks] Optional= names hooks whose failure does not stop the boot)
    _stagehand_install_hooks || return 1

    # 5. dracut's root-device job timeout (see stagehand_dracut_device_timeout above)
    _mode=${stagehand_dracut_device_timeout:-keep}
    case $_mode in
        keep) ;;
        strip)
            # (98dracut-systemd installs its generator after us: ask whether it is included)
            if dracut_module_included dracut-systemd; then
                # same name in /etc shadows the original; the wrapper runs the original by path
                cat > "${initdir}/etc/systemd/system-generators/dracut-rootfs-generator" << EOF
#!/bin/sh
# installed by dracut module stagehand (stagehand_dracut_device_timeout=strip):
# run dracut's rootfs generator, then remove only its device job-timeout drop-ins.
${systemdutildir}/system-generators/dracut-rootfs-generator "\$@"
rc=\$?
for f in "\$1"/*.device.d/timeout.conf; do
    [ -f "\$f" ] || continue
    # dracut's drop-in is exactly [Unit] + JobTimeoutSec= + JobRunningTimeoutSec=
    ours=1
    while IFS= read -r l; do
        case "\$l" in '[Unit]'|JobTimeoutSec=*|JobRunningTimeoutSec=*) ;; *) ours=0 ;; esac
    done < "\$f"
    if [ "\$ours" = 1 ]; then
        rm -f "\$f"
        rmdir "\${f%/*}" 2>/dev/null
    fi
done
exit \$rc
EOF
                chmod 0755 "${initdir}/etc/systemd/system-generators/dracut-rootfs-generator"
                inst_multiple -o rmdir
            else
                dinfo "stagehand: no dracut-rootfs-generator in this initrd, nothing to strip"
            fi
            ;;
        *)
            dfatal "stagehand: stagehand_dracut_device_timeout must be keep or strip, not '$_mode'"
            return 1
            ;;
    esac

    # 6. a root downloaded at boot (see stagehand_fetch above)
    _stagehand_install_fetch || return 1

    # 7. LVM: no degraded activation behind the degraded policy's back (see
    #    stagehand_lvm_activation_mode above); 90lvm is installed before us (name order)
    _mode=${stagehand_lvm_activation_mode:-complete}
    case $_mode in
        complete) dracut_module_included lvm && _stagehand_lvm_complete ;;
        keep) ;;
        *)
            dfatal "stagehand: stagehand_lvm_activation_mode must be complete or keep, not '$_mode'"
            return 1
            ;;
    esac

    # 8. [Fsck] Early=: the host's fstab (see stagehand_host_fstab above)
    _stagehand_install_host_fstab || return 1
    return 0
}
