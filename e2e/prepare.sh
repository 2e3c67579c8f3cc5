#!/bin/bash
# Prepare everything the e2e boots need, cached under ${E2E_WORK:-/var/tmp/stagehand-e2e}:
#   host packages (apt), Debian cloud kernel (.deb unpacked, not installed), dracut base overlay,
#   test root tree, disk images (plain on the host, stacked ones in a setup VM), initrds.
# Idempotent: every product carries a stamp with a hash of its inputs and is only rebuilt when
# an input changed. Re-running with nothing changed takes about a second.
#
# usage: prepare.sh [--flavour stock|stagehand|hooks|fetch|all]...   (default: stock, plus stagehand
#        when the binary $STAGEHAND_BIN, default target/stagehand, exists; all = stock stagehand)
# env:   E2E_WORK  STAGEHAND_BIN  STAGEHAND_UNITS (default units/)  E2E_REFRESH_KERNEL=1
#        E2E_INITRD=debian12|debian13 (initrds from the host's dracut 059, or from a Debian 13
#        chroot with dracut-ng: $E2E_WORK/debian13/)  E2E_REFRESH_DEBIAN13=1
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib/common.sh"

flavours=()
while [ $# -gt 0 ]; do
    case $1 in
        --flavour) shift; [ "$1" = all ] && flavours+=(stock stagehand) || flavours+=("$1") ;;
        --flavour=*) v=${1#*=}; [ "$v" = all ] && flavours+=(stock stagehand) || flavours+=("$v") ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) die "unknown argument $1" ;;
    esac
    shift
done
if [ ${#flavours[@]} = 0 ]; then
    flavours=(stock); [ -x "$STAGEHAND_BIN" ] && flavours+=(stagehand)
fi
for f in "${flavours[@]}"; do case $f in stock|stagehand|hooks|fetch) ;; *) die "unknown flavour $f" ;; esac; done

[ "$(id -u)" = 0 ] || die "must run as root (apt-get, dracut)"
mkdir -p "$W"/{stamps,logs,keys}
t0=$(now)

# ---- 1. host packages ---------------------------------------------------------------------
missing=()
for p in $E2E_PACKAGES; do
    dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# versions of everything that ends up in an initrd: a change rebuilds the initrds and disks
dpkg-query -W dracut dracut-core systemd udev cryptsetup-bin lvm2 mdadm busybox-static e2fsprogs \
    > "$W/stamps/host-packages.txt.new"
if ! cmp -s "$W/stamps/host-packages.txt.new" "$W/stamps/host-packages.txt"; then
    mv "$W/stamps/host-packages.txt.new" "$W/stamps/host-packages.txt"
else
    rm -f "$W/stamps/host-packages.txt.new"
fi

# ---- 2. kernel: Debian cloud kernel, unpacked from its .deb -------------------------------
if [ ! -f "$W/kver" ] || [ ! -f "$W/kernel/boot/vmlinuz-$(cat "$W/kver")" ] || [ -n "${E2E_REFRESH_KERNEL:-}" ]; then
    KVER=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
           awk '/Depends: linux-image-/{sub("linux-image-","",$2); print $2; exit}')
    if [ -z "$KVER" ]; then apt-get update -qq; KVER=$(apt-cache depends linux-image-cloud-amd64 |
           awk '/Depends: linux-image-/{sub("linux-image-","",$2); print $2; exit}'); fi
    [ -n "$KVER" ] || die "cannot determine the cloud kernel version"
    log "kernel $KVER: download and unpack"
    rm -rf "$W/debs" "$W/kernel.tmp"; mkdir -p "$W/debs"
    (cd "$W/debs" && apt-get download -q "linux-image-$KVER" >/dev/null 2>&1) ||
        { apt-get update -qq; (cd "$W/debs" && apt-get download -q "linux-image-$KVER" >/dev/null); }
    dpkg -x "$W"/debs/linux-image-"${KVER}"_*.deb "$W/kernel.tmp"
    depmod -b "$W/kernel.tmp" "$KVER"
    rm -rf "$W/kernel"; mv "$W/kernel.tmp" "$W/kernel"; rm -rf "$W/debs"
    echo "$KVER" > "$W/kver"
fi
KVER12=$(cat "$W/kver")   # the setup VM boots Debian 12's kernel whichever E2E_INITRD is used

# ---- 2b. E2E_INITRD=debian13: a Debian 13 chroot with dracut-ng, systemd 257 and its kernel --
# mmdebstrap --variant=minbase plus DEBIAN13_PACKAGES (lib/common.sh), no recommends: about a
# minute from deb.debian.org. The kernel is unpacked from its .deb into /kernel of the chroot
# (not installed: its postinst would run dracut for the chroot) and depmod'ed there. The chroot
# is rebuilt when the package list, suite, mirror or this recipe changes, or with
# E2E_REFRESH_DEBIAN13=1 (a point release). Installed versions: $D13/packages.txt.
debian13_root() {
    local h ts
    h=$(printf '%s\n' "$DEBIAN13_SUITE" "$DEBIAN13_MIRROR" "$DEBIAN13_KERNEL_PACKAGE" $DEBIAN13_PACKAGES \
        "$(declare -f debian13_root)" | sha256sum | cut -c1-16)
    if stamp_ok debian13-root "$h" && [ -f "$D13/kver" ] && [ -f "$(kernel_image)" ] &&
       [ -z "${E2E_REFRESH_DEBIAN13:-}" ]; then
        return 0
    fi
    command -v mmdebstrap >/dev/null || {
        log "installing mmdebstrap"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
    }
    ts=$(now); log "debian13: building the $DEBIAN13_SUITE chroot (mmdebstrap)"
    rm -rf "$D13"; mkdir -p "$D13"
    # the customize hook runs on the host with the chroot's apt configuration: it picks the
    # kernel version the meta package depends on and fetches that .deb into /kernel-deb
    mmdebstrap --mode=root --variant=minbase --aptopt='APT::Install-Recommends "false"' \
        --include="$(echo $DEBIAN13_PACKAGES | tr ' ' ,)" \
        --customize-hook='mkdir -p "$1/kernel-deb" && cd "$1/kernel-deb" &&
            v=$(APT_CONFIG=$MMDEBSTRAP_APT_CONFIG apt-cache depends '"$DEBIAN13_KERNEL_PACKAGE"' |
                awk "/Depends: linux-image-/{print \$2; exit}") && [ -n "$v" ] &&
            APT_CONFIG=$MMDEBSTRAP_APT_CONFIG apt-get download -q "$v"' \
        "$DEBIAN13_SUITE" "$D13/root.tmp" "$DEBIAN13_MIRROR" > "$W/logs/debian13-mmdebstrap.log" 2>&1 ||
        { tail -n 20 "$W/logs/debian13-mmdebstrap.log" >&2; die "mmdebstrap failed (log: $W/logs/debian13-mmdebstrap.log)"; }
    local deb; deb=$(ls "$D13"/root.tmp/kernel-deb/linux-image-*.deb)
    local kv=${deb##*/linux-image-}; kv=${kv%%_*}
    # unpacked beside the chroot's own tree (dpkg -x over the chroot would replace its
    # /lib -> usr/lib link with a directory), then moved in
    dpkg -x "$deb" "$D13/kernel.tmp"
    mv "$D13/kernel.tmp" "$D13/root.tmp/kernel"; rm -rf "$D13/root.tmp/kernel-deb"
    # depmod -b and dracut --kmoddir want BASE/lib/modules: a link when the package (trixie's
    # does) ships usr/lib/modules
    if [ ! -d "$D13/root.tmp/kernel/lib/modules/$kv" ]; then
        [ -d "$D13/root.tmp/kernel/usr/lib/modules/$kv" ] || die "debian13: no modules dir in $deb"
        mkdir -p "$D13/root.tmp/kernel/lib"; ln -s ../usr/lib/modules "$D13/root.tmp/kernel/lib/modules"
    fi
    chroot "$D13/root.tmp" depmod -b /kernel "$kv"
    chroot "$D13/root.tmp" dpkg-query -W > "$D13/packages.txt"
    echo "$kv" > "$D13/kver"
    mv "$D13/root.tmp" "$D13/root"
    stamp_set debian13-root "$h"
    log "debian13: chroot with $(grep -E '^(systemd|dracut|cryptsetup-bin|mdadm|lvm2)\s' "$D13/packages.txt" | tr '\t\n' '  '), kernel $kv: $(elapsed "$ts")s, $(du -sh "$D13/root" | cut -f1)"
}
[ "$E2E_INITRD" = debian13 ] && debian13_root
KVER=$(kver)

# ---- 3. dracut base overlay: /usr/lib/dracut as links + snapshots of our modules ----------
# (the system's /usr/lib/dracut stays untouched; a module is only used when a flavour's
#  --modules list names it, so the stock flavour never sees 90stagehand)
rm -rf "$W/dracutbase"; mkdir -p "$W/dracutbase/modules.d"
for f in /usr/lib/dracut/*; do [ "${f##*/}" = modules.d ] || ln -s "$f" "$W/dracutbase/"; done
for m in /usr/lib/dracut/modules.d/*; do ln -s "$m" "$W/dracutbase/modules.d/"; done
cp -r "$STAGEHAND_MODULE" "$W/dracutbase/modules.d/90stagehand"
cp -r "$E2E_DIR/dracut-probe/99e2e-probe" "$W/dracutbase/modules.d/99e2e-probe"

# ---- 4. LUKS key file and test root tree ---------------------------------------------------
. "$E2E_DIR/lib/ids.env"
printf %s "$LUKS_KEYFILE_CONTENT" > "$W/keys/luks.key.new"
cmp -s "$W/keys/luks.key.new" "$W/keys/luks.key" && rm -f "$W/keys/luks.key.new" || mv "$W/keys/luks.key.new" "$W/keys/luks.key"
rootfs_hash=$(hash_inputs "$E2E_DIR/lib/rootfs-init" /bin/busybox)
if ! stamp_ok rootfs "$rootfs_hash" || [ ! -d "$W/rootfs-src" ]; then
    rm -rf "$W/rootfs-src"; mkdir -p "$W"/rootfs-src/{bin,sbin,proc,sys,dev,run,tmp,etc,mnt,root}
    cp /bin/busybox "$W/rootfs-src/bin/busybox"; ln -s busybox "$W/rootfs-src/bin/sh"
    install -m755 "$E2E_DIR/lib/rootfs-init" "$W/rootfs-src/sbin/init"
    # systemd refuses to switch root into a tree without os-release
    printf 'NAME="stagehand e2e root"\nID=stagehand-e2e\nPRETTY_NAME="stagehand e2e test root"\n' > "$W/rootfs-src/etc/os-release"
    : > "$W/rootfs-src/etc/fstab"
    stamp_set rootfs "$rootfs_hash"
fi

# ---- 5. initrds ----------------------------------------------------------------------------
# what every initrd is made from: for debian13 the chroot's kernel and package versions
base_inputs12=("$E2E_DIR/lib/build-initrd.sh" "$E2E_DIR/lib/common.sh" "$E2E_DIR/dracut-probe" "$W/keys/luks.key" "$W/kver" "$W/stamps/host-packages.txt")
if [ "$E2E_INITRD" = debian13 ]; then
    base_inputs=("$E2E_DIR/lib/build-initrd.sh" "$E2E_DIR/lib/common.sh" "$E2E_DIR/dracut-probe" "$W/keys/luks.key" "$D13/kver" "$D13/packages.txt")
else
    base_inputs=("${base_inputs12[@]}")
fi
build_initrd() { # flavour hash   (the setup initrd is always Debian 12's: the setup VM boots its kernel)
    local f=$1 h=$2 out tag; out=$(initrd_image "$1"); tag=$(initrd_tag "$f")
    [ "$f" = setup ] && tag=setup
    if stamp_ok "initrd-$tag" "$h" && [ -f "$out" ]; then return 0; fi
    local ts; ts=$(now)
    log "building initrd ($tag)"
    if [ "$f" = setup ]; then
        E2E_INITRD=debian12 "$E2E_DIR/lib/build-initrd.sh" "$f" "$out" > "$W/logs/dracut-$tag.log" 2>&1
    else
        "$E2E_DIR/lib/build-initrd.sh" "$f" "$out" > "$W/logs/dracut-$tag.log" 2>&1
    fi || { tail -n 30 "$W/logs/dracut-$tag.log" >&2; die "dracut failed for flavour $tag (log: $W/logs/dracut-$tag.log)"; }
    stamp_set "initrd-$tag" "$h"
    log "initrd ($tag): $(du -h "$out" | cut -f1) in $(elapsed "$ts")s"
}

# ---- 6. disk images --------------------------------------------------------------------------
# plain, xroot, badroot, xdata, xother, parts*: made on the host by lib/host-disks.sh (`mkfs.ext4 -d`, no
# loop device). luks, lvm, raid-0/1, nested-0/1, lvmraid-0/1, foreign-0/1: formatted in one setup VM
# (the host has no dm/md). Two stamps, so a change to one set does not remake the other.
mkdir -p "$W/disks"
HOST_DISKS="plain xroot badroot xdata xother imgroot upper parts parts-a parts-b parts-c fsckdata"
STACKED_SETS="luks lvm raid nested lvmraid foreign"
STACKED_DISKS="luks lvm raid-0 raid-1 nested-0 nested-1 lvmraid-0 lvmraid-1 foreign-0 foreign-1"
present() { local d; for d in "$@"; do [ -f "$W/disks/$d.img" ] || return 1; done; }
host_disk_hash=$(hash_inputs "$E2E_DIR/lib/ids.env" "$E2E_DIR/lib/host-disks.sh" "$W/stamps/rootfs" "$W/stamps/host-packages.txt")
if ! stamp_ok host-disks "$host_disk_hash" || ! present $HOST_DISKS || [ ! -s "$W/disks/imgroot.roothash" ]; then
    ts=$(now)
    rm -rf "$W/disks.host.tmp"; mkdir -p "$W/disks.host.tmp"
    "$E2E_DIR/lib/host-disks.sh" "$W/rootfs-src" "$W/disks.host.tmp"
    for d in $HOST_DISKS; do mv -f "$W/disks.host.tmp/$d.img" "$W/disks/$d.img"; done
    mv -f "$W/disks.host.tmp/imgroot.roothash" "$W/disks/imgroot.roothash"   # image-verity*
    rm -rf "$W/disks.host.tmp"
    stamp_set host-disks "$host_disk_hash"
    log "host disks ($HOST_DISKS): $(elapsed "$ts")s"
fi
disk_hash=$(hash_inputs "$E2E_DIR/lib/ids.env" "$E2E_DIR/lib/setup-disks.sh" "$W/stamps/rootfs" "$W/kver" "$W/stamps/host-packages.txt" "$W/keys/luks.key")
if ! stamp_ok disks "$disk_hash" || ! present $STACKED_DISKS; then
    setup_hash=$(hash_inputs "${base_inputs12[@]}" "$E2E_DIR/lib/setup-disks.sh" "$E2E_DIR/lib/ids.env" "$W/stamps/rootfs")
    build_initrd setup "$setup_hash"
    rm -rf "$W/disks.tmp"; mkdir -p "$W/disks.tmp"
    drv=(); n=0
    for d in $STACKED_DISKS; do
        truncate -s 128M "$W/disks.tmp/$d.img"
        drv+=(-drive "file=$W/disks.tmp/$d.img,format=raw,if=none,id=d$n,cache=unsafe" -device "virtio-blk-pci,drive=d$n,serial=$d")
        n=$((n+1))
    done
    ts=$(now); log "formatting stacked disks in the setup VM"
    timeout 600 qemu-system-x86_64 -accel tcg,thread=multi -cpu max -m 1024 -smp 2 -nodefaults -no-reboot \
        -display none -serial "file:$W/logs/setup-disks.serial.log" \
        -kernel "$W/kernel/boot/vmlinuz-$KVER12" -initrd "$(initrd_image setup)" "${drv[@]}" \
        -append "console=ttyS0 panic=-1 rdinit=/setup.sh setup.sets=$(echo $STACKED_SETS | tr ' ' ,)" || true
    grep -aq 'SETUP-DONE rc=0' "$W/logs/setup-disks.serial.log" ||
        { grep -a 'SETUP-\|rror' "$W/logs/setup-disks.serial.log" | tail -n 20 >&2; die "setup VM failed (log: $W/logs/setup-disks.serial.log)"; }
    log "setup VM: $(elapsed "$ts")s"
    for d in $STACKED_DISKS; do mv -f "$W/disks.tmp/$d.img" "$W/disks/$d.img"; done
    rm -rf "$W/disks.tmp"
    stamp_set disks "$disk_hash"
fi

# the hooks flavour's scripts: e2e/hooks, plus the probe (e2e/hooks/probe.sh) at every hook point
hooks_src() {
    local st p f
    rm -rf "$W/hooks-src"
    cp -r "$E2E_DIR/hooks" "$W/hooks-src"
    for st in init-top init-premount local-top local-block local-premount local-bottom init-bottom; do
        f="$W/hooks-src/initramfs-tools/scripts/$st/e2e-probe"
        mkdir -p "${f%/*}"
        { printf '#!/bin/sh\nPREREQ=""\ncase $1 in prereqs) echo "$PREREQ"; exit 0;; esac\n'
          sed "s/@POINT@/$st/g" "$E2E_DIR/hooks/probe.sh"; } > "$f"
        chmod 755 "$f"
    done
    for p in preDeviceCommands preLVMCommands postDeviceCommands postResumeCommands postMountCommands preFailCommands; do
        f="$W/hooks-src/nixos/$p"
        [ -f "$f" ] || printf '#!/bin/sh\n' > "$f"
        sed "s/@POINT@/nixos-$p/g" "$E2E_DIR/hooks/probe.sh" >> "$f"
        chmod 755 "$f"
    done
}

# the fetch flavour's layers (scenario fetch-layers): the test root as base.tar.xz and a second
# layer that replaces its os-release, both under the DHCP host name the scenario gives the guest
# (node7), with their SHA256SUMS beside them, served by lib/layer-server.py from $W/fetch-srv
fetch_layers() {
    local d=$W/fetch-srv/node7 t
    if [ -f "$d/base.tar.xz" ] && [ -f "$d/site.tar.gz" ] && [ -f "$d/SHA256SUMS" ] &&
        stamp_ok fetch-layers "$(hash_inputs "$W/stamps/rootfs")"; then return 0; fi
    rm -rf "$W/fetch-srv"; mkdir -p "$d"
    tar --create --xz --numeric-owner --owner=0 --group=0 --file="$d/base.tar.xz" --directory="$W/rootfs-src" .
    t=$(mktemp -d); mkdir -p "$t/etc"
    printf 'NAME="stagehand e2e root"\nID=stagehand-e2e\nPRETTY_NAME="stagehand e2e fetched root, layer 2"\n' > "$t/etc/os-release"
    tar --create --gzip --numeric-owner --owner=0 --group=0 --file="$d/site.tar.gz" --directory="$t" .
    rm -rf "$t"
    # the list beside the layers (#sha256sums): sha256sum's own output
    (cd "$d" && sha256sum base.tar.xz site.tar.gz > SHA256SUMS)
    stamp_set fetch-layers "$(hash_inputs "$W/stamps/rootfs")"
}

# the fetch flavour's https (scenario fetch-https): a test CA and a server certificate it signed
# for the guest's name of the server (IP 10.0.2.100), made here with openssl, never taken from
# the machine; lib/layer-server.py serves https with them, the scenario puts the CA into the
# initrd's CA bundle (what update-ca-certificates on the host does before dracut copies it)
fetch_tls() {
    local d=$W/fetch-tls
    [ -f "$d/ca.pem" ] && [ -f "$d/server.pem" ] && [ -f "$d/server.key" ] && return 0
    rm -rf "$d"; mkdir -p "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=stagehand e2e test CA" \
        -keyout "$d/ca.key" -out "$d/ca.pem" -addext basicConstraints=critical,CA:true \
        -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=10.0.2.100" -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:10.0.2.100\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:false\n' > "$d/server.ext"
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -days 3650 \
        -extfile "$d/server.ext" -out "$d/server.pem" 2>/dev/null
    [ -s "$d/server.pem" ] || die "openssl could not make the test certificates in $d"
}

for f in "${flavours[@]}"; do
    case $f in
    stock) build_initrd stock "$(hash_inputs "${base_inputs[@]}")" ;;
    stagehand|hooks|fetch)
        [ -x "$STAGEHAND_BIN" ] || die "no stagehand binary at $STAGEHAND_BIN (run: make native)"
        # snapshot of the inputs, so the initrd matches the hash even if target/ changes meanwhile
        # (both flavours share it: the hooks flavour differs only in its dracut settings)
        rm -rf "$W/stagehand-input"; mkdir -p "$W/stagehand-input/units"
        cp "$STAGEHAND_BIN" "$W/stagehand-input/stagehand"
        if [ -d "$STAGEHAND_UNITS" ]; then cp -r "$STAGEHAND_UNITS/." "$W/stagehand-input/units/"; fi
        cp "$STAGEHAND_HOOKS_FUNCTIONS" "$W/stagehand-input/functions"
        mkdir -p "$W/dracut-conf/$f"
        { echo "# written by e2e/prepare.sh"
          echo "stagehand_binary=\"$W/stagehand-input/stagehand\""
          echo "stagehand_unitdir=\"$W/stagehand-input/units\""
          echo "stagehand_functions=\"$W/stagehand-input/functions\""
          if [ "$f" = hooks ]; then
              # the test scripts, from where the module takes them (a host's /etc otherwise)
              echo "stagehand_initramfs_tools_confdir=\"$W/hooks-src/initramfs-tools\""
              echo "stagehand_nixos_hooks=\"$W/hooks-src/nixos\""
          else
              echo "stagehand_initramfs_scripts=none"
              echo "stagehand_nixos_hooks=/nonexistent"
          fi
          # a root downloaded at boot (docs/fetch.md): network, curl, tar, the cmdline hook
          [ "$f" = fetch ] && echo "stagehand_fetch=yes"
          [ -n "${STAGEHAND_DRACUT_CONF:-}" ] && printf '%s\n' "$STAGEHAND_DRACUT_CONF"
        } > "$W/dracut-conf/$f/stagehand.conf"
        extra_inputs=()
        if [ "$f" = hooks ]; then
            hooks_src
            extra_inputs=("$W/hooks-src")
        fi
        [ "$f" = fetch ] && fetch_layers && fetch_tls
        build_initrd "$f" "$(hash_inputs "${base_inputs[@]}" "$W/dracutbase/modules.d/90stagehand" \
            "$W/stagehand-input" "$W/dracut-conf/$f" "${extra_inputs[@]}")"
        # sanity: what the module must have put into the initrd
        lst=$W/logs/lsinitrd-$(initrd_tag "$f").txt
        lsinitrd "$(initrd_image "$f")" 2>/dev/null > "$lst" || true
        wants=(' usr/bin/stagehand$'
               'system-generators/stagehand-generator -> /usr/bin/stagehand$'
               ' etc/systemd/system-generators/systemd-fstab-generator -> /dev/null$'
               ' etc/systemd/system-generators/systemd-cryptsetup-generator -> /dev/null$'
               ' usr/lib/stagehand/hooks/functions$'
               # stagehand's crypt units run it: dracut 059's crypt module puts it in, with
               # dracut-ng stagehand's module asks for 01systemd-cryptsetup (a symlink on 257)
               ' usr/(bin|lib/systemd)/systemd-cryptsetup( -> .*)?$'
               ' scripts/functions -> /usr/lib/stagehand/hooks/functions$')
        [ "$f" = hooks ] && wants+=(' etc/initramfs-tools/scripts/local-top/e2e-dm$'
                                    ' etc/stagehand/hooks/nixos/postMountCommands$')
        [ "$f" = fetch ] && wants+=(' usr/bin/curl$' ' usr/bin/tar$' ' usr/bin/xz$'
                                    'cmdline/95-?parse-stagehand-fetch.sh$'
                                    'stagehand-fetch.service.d/50-dracut-network.conf$'
                                    # dracut's url-lib: the bundle curl names (docs/fetch.md: a private CA goes there)
                                    ' etc/ssl/certs/ca-certificates.crt$')
        for want in "${wants[@]}"; do
            grep -Eq "$want" "$lst" ||
                die "$(initrd_tag "$f") initrd lacks '$want' (listing: $lst)"
        done ;;
    esac
done
log "prepared (${flavours[*]}) in $(elapsed "$t0")s; work dir $W"
