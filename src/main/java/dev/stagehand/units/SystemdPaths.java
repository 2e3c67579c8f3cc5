package dev.stagehand.units;

/**
 * Where systemd installs the programs and units our generated units refer to, where 252 and 257
 * agree. systemd-cryptsetup moved to /usr/bin in 257: CryptsetupUnits asks the initrd.
 */
public final class SystemdPaths {
    public static final String UNIT_DIR = "/usr/lib/systemd/system";
    public static final String FSCK = "/usr/lib/systemd/systemd-fsck";
    public static final String MAKEFS = "/usr/lib/systemd/systemd-makefs";
    public static final String VERITYSETUP = "/usr/lib/systemd/systemd-veritysetup";

    private SystemdPaths() {}
}
