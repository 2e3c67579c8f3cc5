package dev.stagehand.units;

/** Names of systemd's own units (special.h) that generated units hook into. */
public final class Units {
    public static final String LOCAL_FS_TARGET = "local-fs.target";
    public static final String REMOTE_FS_TARGET = "remote-fs.target";
    public static final String SWAP_TARGET = "swap.target";
    public static final String INITRD_FS_TARGET = "initrd-fs.target";
    public static final String INITRD_ROOT_FS_TARGET = "initrd-root-fs.target";
    public static final String INITRD_USR_FS_TARGET = "initrd-usr-fs.target";
    public static final String INITRD_ROOT_DEVICE_TARGET = "initrd-root-device.target";
    public static final String NETWORK_TARGET = "network.target";
    public static final String NETWORK_ONLINE_TARGET = "network-online.target";
    public static final String FSCK_ROOT_SERVICE = "systemd-fsck-root.service";
    public static final String FSCK_USR_SERVICE = "systemd-fsck-usr.service";
    public static final String GROWFS_SERVICE = "systemd-growfs@.service";
    public static final String GROWFS_ROOT_SERVICE = "systemd-growfs-root.service";
    public static final String PCRFS_SERVICE = "systemd-pcrfs@.service";
    public static final String PCRFS_ROOT_SERVICE = "systemd-pcrfs-root.service";
    public static final String QUOTACHECK_SERVICE = "systemd-quotacheck@.service";
    public static final String QUOTACHECK_ROOT_SERVICE = "systemd-quotacheck-root.service";
    public static final String QUOTAON_SERVICE = "quotaon@.service";
    public static final String QUOTAON_ROOT_SERVICE = "quotaon-root.service";
    public static final String REMOUNT_FS_SERVICE = "systemd-remount-fs.service";
    public static final String VOLATILE_ROOT_SERVICE = "systemd-volatile-root.service";

    private Units() {}
}
