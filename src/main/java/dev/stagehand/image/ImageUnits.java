package dev.stagehand.image;

import dev.stagehand.graph.ImageFile;
import dev.stagehand.log.Log;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.units.ExecArgs;
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
        for (String v : values) {
            String p = UnitValues.problem(v);
            if (p == null) p = UnitPathList.problem(v);
            if (p != null) {
                log.error(f.origin(), "the image path \"" + v + "\" cannot be written to a unit file: " + p + "; no root mount");
                return false;
            }
        }
        StringBuilder exec = new StringBuilder(RootWaitUnits.BINARY).append(" image-check --image=")
                .append(ExecArgs.quote(f.path()));
        if (f.fstype() != null) exec.append(" --type=").append(ExecArgs.quote(f.fstype()));
        if (f.overlayDir() != null) exec.append(" --overlay=").append(ExecArgs.quote(f.overlayDir()));
        UnitFile.Builder u = UnitFile.builder(SERVICE)
                .section("Unit")
                .set("Description", "Check the root image before it is mounted")
                .set("Documentation", "man:stagehand(8)")
                .set("DefaultDependencies", "no")
                .set("Conflicts", "shutdown.target")
                .set("Before", "shutdown.target")
                // the image's partition, and the upper layer's file system
                .set("RequiresMountsFor", String.join(" ", values.stream().map(UnitPathList::word).toList()))
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("StandardOutput", "journal+console")
                .set("ExecStart", exec.toString());
        Optional<String> refused = plan.begin(f.origin()).unit(u.build()).commit();
        refused.ifPresent(p -> log.error(f.origin(), "no image check: " + p));
        return refused.isEmpty();
    }
}
