#!/bin/sh
# PID 1 of the throw-away "setup" VM (booted with rdinit=/setup.sh): formats the stacked test
# disks, because the host kernel has neither device-mapper nor md.
# The disks arrive in the order prepare.sh passes them, with virtio serials = image names:
# /dev/disk/by-id/virtio-NAME. Sets are selected with setup.sets=a,b,c on the kernel cmdline.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev; mount -t tmpfs run /run
mkdir -p /run/lock /run/cryptsetup /run/lvm /run/mdadm /tmp
. /ids.env
for m in virtio_pci virtio_blk dm_mod dm_crypt dm_raid raid1 md_mod xts aes_generic ext4; do modprobe $m 2>/dev/null; done
# by-id links are udev's job; there is no udev here: map serial -> /dev/vdX by sysfs
dev() { for d in /sys/block/vd*; do [ "$(cat "$d/serial" 2>/dev/null)" = "$1" ] && { echo "/dev/${d##*/}"; return 0; }; done; echo "/dev/MISSING-$1"; return 1; }
n=0; while [ ! -b /dev/vda ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done
SETS=$(sed -n 's/.*setup\.sets=\([a-z0-9,_-]*\).*/\1/p' /proc/cmdline | tr , ' ')
LVMC='activation{udev_sync=0 udev_rules=0 monitoring=0} devices{obtain_device_list_from_udev=0} global{use_lvmpolld=0}'
printf %s "$LUKS_KEYFILE_CONTENT" > /tmp/luks.key
printf %s "$PASSPHRASE" > /tmp/pp
mkroot() { mkfs.ext4 -q -F -d /rootfs-src -U "$2" -L root "$1"; }
luks() { # dev uuid mapname: LUKS2, pbkdf2 with 1000 iterations (fast under emulation); key file + passphrase
    cryptsetup luksFormat --type luks2 --batch-mode --uuid "$2" --pbkdf pbkdf2 --pbkdf-force-iterations 1000 --key-file=/tmp/luks.key "$1" &&
    cryptsetup luksAddKey --batch-mode --pbkdf pbkdf2 --pbkdf-force-iterations 1000 --key-file=/tmp/luks.key "$1" /tmp/pp &&
    cryptsetup open --key-file=/tmp/luks.key "$1" "$3"; }
lvmk() { # pv vg lv
    lvm pvcreate --config "$LVMC" -ff -y "$1" && lvm vgcreate --config "$LVMC" "$2" "$1" &&
    lvm lvcreate --config "$LVMC" -Zn -Wn -y -l 100%FREE -n "$3" "$2" &&
    lvm vgchange --config "$LVMC" -ay "$2"; }
md() { # uuid name dev... (homehost: $MD_HOMEHOST, default any = local on every machine)
    u=$1 nm=$2; shift 2
    mdadm --create "/dev/md/$nm" --run --level=1 --raid-devices=$# --metadata=1.2 --uuid="$u" \
        --homehost="${MD_HOMEHOST:-any}" --name="$nm" --assume-clean "$@"; }
set -x
allrc=0
for s in $SETS; do
    rc=1
    case "$s" in
    luks)   luks "$(dev luks)" "$LUKS_UUID" cr && mkroot /dev/mapper/cr "$LUKS_FS"; rc=$?
            cryptsetup close cr ;;
    lvm)    lvmk "$(dev lvm)" "$LVM_VG" "$LVM_LV" && mkroot "/dev/$LVM_VG/$LVM_LV" "$LVM_FS"; rc=$?
            lvm vgchange --config "$LVMC" -an "$LVM_VG" ;;
    raid)   md "$RAID_MD" root "$(dev raid-0)" "$(dev raid-1)" && mkroot /dev/md/root "$RAID_FS"; rc=$?
            cat /proc/mdstat; mdadm --stop /dev/md/root ;;
    foreign) MD_HOMEHOST=$FOREIGN_HOST md "$FOREIGN_MD" froot "$(dev foreign-0)" "$(dev foreign-1)" &&
            mkroot /dev/md/froot "$FOREIGN_FS"; rc=$?
            mdadm --examine "$(dev foreign-0)" | grep -i -e name -e uuid; cat /proc/mdstat; mdadm --stop /dev/md/froot ;;
    nested) md "$NEST_MD" nest "$(dev nested-0)" "$(dev nested-1)" && luks /dev/md/nest "$NEST_LUKS" crn &&
            lvmk /dev/mapper/crn "$NEST_VG" "$NEST_LV" && mkroot "/dev/$NEST_VG/$NEST_LV" "$NEST_FS"; rc=$?
            lvm vgchange --config "$LVMC" -an "$NEST_VG"; cryptsetup close crn; mdadm --stop /dev/md/nest ;;
    lvmraid) # two PVs, one raid1 LV over both (--nosync: mkfs writes both legs), a linear LV on the second
            lvm pvcreate --config "$LVMC" -ff -y "$(dev lvmraid-0)" "$(dev lvmraid-1)" &&
            lvm vgcreate --config "$LVMC" "$LVR_VG" "$(dev lvmraid-0)" "$(dev lvmraid-1)" &&
            lvm lvcreate --config "$LVMC" --type raid1 -m 1 --nosync -Zn -Wn -y -l 90%FREE -n "$LVR_LV" "$LVR_VG" &&
            lvm lvcreate --config "$LVMC" -Zn -Wn -y -L 8M -n "$LVR_LINEAR" "$LVR_VG" "$(dev lvmraid-1)" &&
            lvm vgchange --config "$LVMC" -ay "$LVR_VG" && mkroot "/dev/$LVR_VG/$LVR_LV" "$LVR_FS"; rc=$?
            lvm lvs --config "$LVMC" -a -o lv_name,segtype,devices "$LVR_VG"
            lvm vgchange --config "$LVMC" -an "$LVR_VG" ;;
    *)      echo "unknown disk set '$s'" ;;
    esac
    echo "SETUP-SET $s rc=$rc"
    [ $rc = 0 ] || allrc=1
done
set +x
blkid
sync
echo "SETUP-DONE rc=$allrc"
/bin/busybox poweroff -f
