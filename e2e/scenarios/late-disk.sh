# The root disk is plugged in (PCI hot-plug through the QEMU monitor) 10 s after the initrd
# reached basic.target; rd.timeout is unset, so the root device is waited for.
# Proves: a root device that appears late is picked up (udev -> device unit -> sysroot.mount).
DESCRIPTION="root disk hot-plugged 10 s after basic.target"
LATE_DISKS=(plain)
CMDLINE="root=UUID=$PLAIN_FS"
STEPS=("Reached target .*basic.target=><delay=10>$(hotplug_disk plain)")
EXPECT+=('E2E-FACT root-mount: /dev/vda / ext4 ')
