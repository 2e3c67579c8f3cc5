package dev.stagehand.image;

import dev.stagehand.graph.ImageFile;
import dev.stagehand.log.Log;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.units.ExecArgs;
import dev.stagehand.units.SystemdPaths;
import dev.stagehand.units.UnitPathList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * stagehand-image.service: `stagehand image-check` between the source partition's mount and the
 * image's mount. A missing image, one of another type or one cut short fails it with one message
 * on the console; the image's mount requires it, so the boot goes to emergency mode with that
 * message instead of mount(8)'s. It also makes the overlay's upper and work folders, which
 * overlayfs needs and mount(8) does not make.
 */
public final class ImageUnits {
    public static final String SERVICE = "stagehand-image.service";

    /** systemd-veritysetup@root.service: the name systemd-veritysetup-generator gives the root's verity unit. */
    public static String verityService() {
        return "systemd-veritysetup@" + ImageVerity.NAME + ".service";
    }

    private final Log log;
    private final PlanBuilder plan;

    public ImageUnits(Log log, PlanBuilder plan) {
        this.log = log;
        this.plan = plan;
    }

    /** true if the service was planned. */
    public boolean add(ImageFile f) {
        List<String> values = new ArrayList<>(List.of(f.path()));
        if (f.overlayDir() != null) values.add(f.overlayDir());
        if (f.verity() != null) values.add(f.verity().hashFile());
        for (String v : values) {
            String p = UnitValues.problem(v);
            if (p == null) p = UnitPathList.problem(v);
            if (p != null) {
                log.error(
                        f.origin(),
                        "the image path \"" + v + "\" cannot be written to a unit file: " + p + "; no root mount");
                return false;
            }
        }
        StringBuilder exec = new StringBuilder(RootWaitUnits.BINARY)
                .append(" image-check --image=")
                .append(ExecArgs.quote(f.path()));
        if (f.fstype() != null) exec.append(" --type=").append(ExecArgs.quote(f.fstype()));
        if (f.overlayDir() != null) exec.append(" --overlay=").append(ExecArgs.quote(f.overlayDir()));
        if (f.verity() != null) {
            exec.append(" --hash-file=")
                    .append(ExecArgs.quote(f.verity().hashFile()))
                    .append(" --roothash=")
                    .append(f.verity().rootHash());
        }
        UnitFile.Builder u = UnitFile.builder(SERVICE)
                .section("Unit")
                .set("Description", "Check the root image before it is mounted")
                .set("Documentation", "man:stagehand(8)")
                .set("DefaultDependencies", "no")
                .set("Conflicts", "shutdown.target")
                .set("Before", "shutdown.target")
                // the image's partition, the upper layer's file system (and the hash tree's)
                .set(
                        "RequiresMountsFor",
                        String.join(" ", values.stream().map(UnitPathList::word).toList()))
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("StandardOutput", "journal+console")
                .set("ExecStart", exec.toString());
        PlanBuilder.Transaction t = plan.begin(f.origin()).unit(u.build());
        if (f.verity() != null) t.unit(OutputDir.EARLY, verity(f));
        Optional<String> refused = t.commit();
        refused.ifPresent(p -> log.error(f.origin(), "no image check: " + p));
        return refused.isEmpty();
    }

    /**
     * systemd-veritysetup@root.service as systemd-veritysetup-generator writes it for a root
     * device, with the image as the data and its hash tree file as the hash device:
     * systemd-veritysetup attaches a read-only loop device for each file itself. In the early
     * folder, so that it shadows the unit that generator writes into the normal one when it is in
     * the initrd (it would take roothash= for partition UUIDs, systemd's discovery, and wait for
     * devices that are not there); its cryptsetup.target link then pulls this unit. Not ordered
     * before cryptsetup.target (sysinit.target would wait for the image's partition); the
     * image's mount requires it.
     */
    private static UnitFile verity(ImageFile f) {
        ImageFile.Verity v = f.verity();
        String exec = SystemdPaths.VERITYSETUP + " attach " + ImageVerity.NAME + " " + ExecArgs.quote(f.path()) + " "
                + ExecArgs.quote(v.hashFile()) + " " + v.rootHash() + " "
                + ExecArgs.quote(v.options() == null ? "" : v.options());
        return UnitFile.builder(verityService())
                .section("Unit")
                .set("Description", "Integrity Protection Setup for " + ImageVerity.NAME) // systemd writes %I: the same
                .set("Documentation", "man:systemd-veritysetup@.service(8) man:stagehand(8)")
                .set("SourcePath", "/proc/cmdline")
                .set("DefaultDependencies", "no")
                .set("IgnoreOnIsolate", "true")
                .set("Conflicts", "umount.target")
                .set("Before", "umount.target")
                // the check names a wrong roothash= or a missing hash tree before dm-verity is set up
                .set("Requires", SERVICE)
                .set("After", "cryptsetup-pre.target systemd-udevd-kernel.socket " + SERVICE)
                .set("RequiresMountsFor", UnitPathList.word(f.path()) + " " + UnitPathList.word(v.hashFile()))
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("ExecStart", exec)
                .set("ExecStop", SystemdPaths.VERITYSETUP + " detach " + ImageVerity.NAME)
                .build();
    }
}
