package dev.stagehand.units;

/** Where systemd installs the programs and units our generated units refer to. */
public final class SystemdPaths {
    public static final String UNIT_DIR = "/usr/lib/systemd/system";
    public static final String FSCK = "/usr/lib/systemd/systemd-fsck";
    public static final String MAKEFS = "/usr/lib/systemd/systemd-makefs";
    public static final String CRYPTSETUP = "/usr/lib/systemd/systemd-cryptsetup";

    private SystemdPaths() {}
}
