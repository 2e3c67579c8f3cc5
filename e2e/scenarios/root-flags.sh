# Plain root with rootfstype=, rootflags= and ro on the command line.
# Proves: sysroot.mount carries the type and the options, and the root is mounted with them.
DESCRIPTION="root=UUID= rootfstype=ext4 rootflags=noatime ro"
DISKS=(plain)
CMDLINE="root=UUID=$PLAIN_FS rootfstype=ext4 rootflags=noatime ro"
EXPECT+=('E2E-FACT root-mount: /dev/vda / ext4 ro,noatime[, ]'
         'E2E-GEN generator/sysroot.mount: Type=ext4\r?$'
         'E2E-GEN generator/sysroot.mount: Options=noatime,ro\r?$')
