# Legacy hooks (hooks flavour), NixOS commands around LVM: stage-1-init.sh ran preLVMCommands
# before `lvm vgchange -ay` and postDeviceCommands after it. The root is an LV on the second
# disk (the first is the plain disk local-top/e2e-dm needs). The probes record which LVs exist.
DESCRIPTION="NixOS preLVMCommands before LVM activation, postDeviceCommands after"
FLAVOURS="hooks"
DISKS=(plain lvm)
CMDLINE="rd.lvm.lv=$LVM_VG/$LVM_LV root=/dev/$LVM_VG/$LVM_LV"
EXPECT+=("E2E-FACT root-mount: /dev/mapper/$LVM_VG-$LVM_LV / ext4 "
    'E2E-FACT point: nixos-preLVMCommands .* lvs=none'
    "E2E-FACT point: nixos-postDeviceCommands .* lvs=([^ ]*,)?$LVM_VG-$LVM_LV,")
REJECT+=('failed with exit status')
TIMEOUT=300
