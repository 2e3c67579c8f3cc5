package dev.stagehand.runtime.hooks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment hook scripts expect. For initramfs-tools scripts it is what its init
 * exports before it runs them, from the kernel command line read the way init reads it
 * ({@code for x in $(cat /proc/cmdline)}: words split at blanks, no quoting), with two
 * differences: rootmnt is /sysroot (systemd's mount point for the root, where init uses
 * /root), and BOOT is always "local" (stagehand runs the local-boot script points only).
 * NixOS' stage-1 commands ran inside stage-1-init.sh, which called the root's mount point
 * $targetRoot; it is /sysroot here too.
 */
public final class HookEnvironment {
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    public static final String ROOTMNT = "/sysroot";

    private HookEnvironment() {}

    /** initramfs-tools init's exported variables for this command line. */
    public static Map<String, String> initramfsTools(String cmdline, String arch, Long starttime) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PATH", PATH);
        String[] words =
                cmdline.trim().isEmpty() ? new String[0] : cmdline.trim().split("[ \t\n]+");
        String quiet = "n";
        for (String x : words) if (x.equals("quiet")) quiet = "y";
        e.put("quiet", quiet);
        e.put("DPKG_ARCH", arch == null ? "" : arch);
        e.put("MODPROBE_OPTIONS", "-qb");
        for (String k : new String[] {
            "ROOT",
            "ROOTDELAY",
            "ROOTFLAGS",
            "ROOTFSTYPE",
            "IP",
            "IP6",
            "VLAN",
            "DEVICE",
            "BOOT",
            "BOOTIF",
            "UBIMTD",
            "NETWORK_SKIP_ENSLAVED",
            "break"
        }) {
            e.put(k, "");
        }
        e.put("init", "/sbin/init");
        e.put("readonly", "y");
        e.put("rootmnt", ROOTMNT);
        for (String k :
                new String[] {"debug", "panic", "blacklist", "resume", "resume_offset", "noresume", "drop_caps"}) {
            e.put(k, "");
        }
        e.put("fastboot", "n");
        e.put("forcefsck", "n");
        e.put("fsckfix", "");
        String resume = null; // RESUME: set by init, but not exported; it becomes $resume
        for (String x : words) {
            int eq = x.indexOf('=');
            String key = eq < 0 ? x : x.substring(0, eq);
            String val = eq < 0 ? null : x.substring(eq + 1);
            switch (eq < 0 ? x : key + "=") {
                case "init=" -> e.put("init", val);
                case "root=" -> e.put("ROOT", val);
                case "rootflags=" -> e.put("ROOTFLAGS", "-o " + val);
                case "rootfstype=" -> e.put("ROOTFSTYPE", val);
                case "rootdelay=", "roottimeout=" -> e.put("ROOTDELAY", isDecimal(val) ? val : "");
                case "ip=" -> e.put("IP", val);
                case "ip6=" -> e.put("IP6", val);
                case "vlan=" -> e.put("VLAN", val);
                case "ubi.mtd=" -> e.put("UBIMTD", val);
                case "resume=" -> resume = val;
                case "resume_offset=" -> e.put("resume_offset", val);
                case "noresume" -> e.put("noresume", "y");
                case "drop_capabilities=" -> e.put("drop_caps", "-d " + val);
                case "panic=" -> e.put("panic", val);
                case "ro" -> e.put("readonly", "y");
                case "rw" -> e.put("readonly", "n");
                case "debug", "debug=" -> {
                    e.put("debug", "y");
                    e.put("quiet", "n");
                }
                case "break=" -> e.put("break", val);
                case "break" -> e.put("break", "premount");
                case "blacklist=" -> e.put("blacklist", val);
                case "BOOTIF=", "hwaddr=" -> e.put("BOOTIF", val);
                case "fastboot", "fsck.mode=" -> {
                    if (x.equals("fastboot") || "skip".equals(val)) e.put("fastboot", "y");
                    if ("force".equals(val)) e.put("forcefsck", "y");
                }
                case "forcefsck" -> e.put("forcefsck", "y");
                case "fsckfix" -> e.put("fsckfix", "y");
                case "fsck.repair=" -> {
                    if ("yes".equals(val)) e.put("fsckfix", "y");
                    if ("no".equals(val)) e.put("fsckfix", "n");
                }
                default -> {}
            }
        }
        e.put("BOOT", "local");
        if (!e.get("noresume").isEmpty() || "none".equals(resume)) {
            e.put("noresume", "y");
        } else if (resume != null) {
            e.put("resume", resume.startsWith("UUID=") ? "/dev/disk/by-uuid/" + resume.substring(5) : resume);
        }
        if (starttime != null) e.put("starttime", Long.toString(starttime));
        return e;
    }

    /** NixOS' stage-1 commands: $targetRoot, as stage-1-init.sh set it (there /mnt-root). */
    public static Map<String, String> nixos() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PATH", PATH);
        e.put("targetRoot", ROOTMNT);
        return e;
    }

    /** dpkg's name for this machine (DPKG_ARCH), from the JVM's. */
    public static String dpkgArch(String osArch) {
        if (osArch == null) return "";
        return switch (osArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "i386";
            case "ppc64le" -> "ppc64el";
            default -> osArch;
        };
    }

    /** `case $x in *[![:digit:].]*)`: digits and dots only (empty passes too, as in init). */
    private static boolean isDecimal(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.')) return false;
        }
        return true;
    }
}
