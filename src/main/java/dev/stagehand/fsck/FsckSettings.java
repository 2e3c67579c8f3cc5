package dev.stagehand.fsck;

import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.systemd.Booleans;
import java.io.PrintStream;

/**
 * What systemd-fsck reads from the kernel command line (rd. prefix stripped, later words win):
 * fsck.mode=auto|force|skip, fsck.repair=preen|yes|no (or a boolean), fastboot, forcefsck.
 * A bad value is reported and ignored, as systemd-fsck does.
 */
public record FsckSettings(Mode mode, Repair repair) {
    public enum Mode {
        AUTO,
        FORCE,
        SKIP
    }

    /** fsck's option for each: -a (preen), -y, -n. */
    public enum Repair {
        PREEN("-a"),
        YES("-y"),
        NO("-n");

        final String option;

        Repair(String option) {
            this.option = option;
        }
    }

    public static FsckSettings parse(KernelCommandLine cmdline, PrintStream log) {
        Mode mode = Mode.AUTO;
        Repair repair = Repair.PREEN;
        for (KernelCommandLine.Word w : cmdline.words(KernelCommandLine.STRIP_RD_PREFIX)) {
            String v = w.value();
            switch (w.key()) {
                case "fsck.mode" -> {
                    if (v == null) continue;
                    switch (v) {
                        case "auto" -> mode = Mode.AUTO;
                        case "force" -> mode = Mode.FORCE;
                        case "skip" -> mode = Mode.SKIP;
                        default -> log.println("Invalid fsck.mode= parameter, ignoring: " + v);
                    }
                }
                case "fsck.repair" -> {
                    if (v == null) continue;
                    Boolean b = Booleans.parse(v);
                    if (v.equals("preen")) repair = Repair.PREEN;
                    else if (b != null) repair = b ? Repair.YES : Repair.NO;
                    else log.println("Invalid fsck.repair= parameter, ignoring: " + v);
                }
                case "fastboot" -> {
                    if (v == null) mode = Mode.SKIP;
                }
                case "forcefsck" -> {
                    if (v == null) mode = Mode.FORCE;
                }
                default -> {}
            }
        }
        return new FsckSettings(mode, repair);
    }
}
