# e2e hook probe: e2e/prepare.sh puts this into every hook point of the hooks flavour (as
# initramfs-tools script STAGE/e2e-probe, and at the end of each NixOS command file) with
# @POINT@ replaced. It records what the point sees, one line in /run/e2e-points, which the test
# root's init prints as "E2E-FACT point: ..." lines (in the order the points ran):
#   udevd, trigger, cryptsetup, rootdev (initrd-root-device.target), initrdfs (initrd-fs.target):
#                 systemctl is-active of those units when the point ran
#   sysroot       yes when /sysroot is mounted
#   hookroot      yes when /dev/mapper/hookroot (made by local-top/e2e-dm) exists
#   lvs           the device-mapper names with a dash (LVM's VG-LV) that exist
# (shell builtins, grep and systemctl only: a dracut initrd has no cut, head or tr)
e2e_probe_state() { systemctl is-active "$1" 2>/dev/null; }
e2e_probe_sysroot=no
grep -q ' /sysroot ' /proc/mounts && e2e_probe_sysroot=yes
e2e_probe_hookroot=no
[ -e /dev/mapper/hookroot ] && e2e_probe_hookroot=yes
e2e_probe_lvs=
for e2e_probe_dm in /dev/mapper/*-*; do
    [ -e "$e2e_probe_dm" ] && e2e_probe_lvs="$e2e_probe_lvs${e2e_probe_dm#/dev/mapper/},"
done
read -r e2e_probe_up e2e_probe_idle < /proc/uptime
echo "@POINT@ up=$e2e_probe_up udevd=$(e2e_probe_state systemd-udevd.service)" \
    "trigger=$(e2e_probe_state systemd-udev-trigger.service) cryptsetup=$(e2e_probe_state cryptsetup.target)" \
    "rootdev=$(e2e_probe_state initrd-root-device.target) initrdfs=$(e2e_probe_state initrd-fs.target)" \
    "sysroot=$e2e_probe_sysroot hookroot=$e2e_probe_hookroot lvs=${e2e_probe_lvs:-none}" >> /run/e2e-points
