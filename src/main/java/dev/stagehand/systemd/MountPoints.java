package dev.stagehand.systemd;

/** Mount points and file system types systemd treats specially (mount-setup.c, mountpoint-util.c). */
public final class MountPoints {
    private MountPoints() {}

    /** The API file systems systemd mounts itself (mount_table of mount-setup.c). */
    private static final String[] API = {
        "/proc",
        "/sys",
        "/dev",
        "/sys/kernel/security",
        "/sys/fs/smackfs",
        "/dev/shm",
        "/dev/pts",
        "/run",
        "/sys/fs/cgroup",
        "/sys/fs/pstore",
        "/sys/firmware/efi/efivars",
        "/sys/fs/bpf",
    };

    private static final String[] IGNORED = {
        "/sys/fs/selinux", "/dev/console", "/proc/kmsg", "/proc/sys", "/proc/sys/kernel/random/boot_id",
    };

    /** mount_point_is_api(). */
    public static boolean isApi(String path) {
        if (Paths.inSet(path, API)) return true;
        String rest = Paths.startsWith(path, "/sys/fs/cgroup/");
        return rest != null;
    }

    /** mount_point_ignore(). */
    public static boolean isIgnored(String path) {
        return Paths.inSet(path, IGNORED) || Paths.startsWith(path, "/run/host") != null;
    }

    private static final String[] NETWORK = {
        "afs",
        "ceph",
        "cifs",
        "gfs",
        "gfs2",
        "ncp",
        "ncpfs",
        "nfs",
        "nfs4",
        "ocfs2",
        "orangefs",
        "pvfs2",
        "smb3",
        "smbfs",
        "davfs",
        "glusterfs",
        "lustre",
        "sshfs",
    };

    /** mount_is_network(): the _netdev option, or a network type. */
    public static boolean isNetwork(String fstype, String options) {
        return FstabOptions.has(options, "_netdev") || (fstype != null && isNetworkType(fstype));
    }

    /** fstab_is_bind(). */
    public static boolean isBind(String options, String fstype) {
        return FstabOptions.has(options, "bind", "rbind") || "bind".equals(fstype) || "rbind".equals(fstype);
    }

    /** fstype_is_network(): "fuse." prefixes count as their base type. */
    public static boolean isNetworkType(String fstype) {
        String t = fstype.startsWith("fuse.") ? fstype.substring(5) : fstype;
        for (String n : NETWORK) {
            if (n.equals(t)) return true;
        }
        return false;
    }
}
