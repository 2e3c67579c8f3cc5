package dev.stagehand.netroot;

import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.NetworkRoot;
import dev.stagehand.log.Log;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.rootwait.RootWaitUnits;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.units.ExecArgs;
import dev.stagehand.units.Links;
import dev.stagehand.units.Units;
import java.util.Optional;

/**
 * stagehand-fetch.service: once the network is online and the tmpfs is on /sysroot, runs
 * `stagehand fetch` with the layers; required by initrd-root-fs.target, so a failed download
 * fails the root file system and the boot goes to emergency mode (initrd-root-fs.target's
 * OnFailure=), from where `stagehand retry` starts it again.
 */
public final class NetworkRootUnits {
    public static final String SERVICE = "stagehand-fetch.service";
    private final Log log;
    private final PlanBuilder plan;

    public NetworkRootUnits(Log log, PlanBuilder plan) {
        this.log = log;
        this.plan = plan;
    }

    /** @param root the planned /sysroot mount (the tmpfs), or null: then there is nothing to extract into */
    public boolean add(NetworkRoot r, MountPoint root) {
        if (root == null || !"tmpfs".equals(root.what())) {
            log.error(
                    r.origin(),
                    "no tmpfs on /sysroot was planned (see the message about it above); nothing is downloaded");
            return false;
        }
        // each argument quoted by the writer's rule (% doubled, quotes and backslashes escaped):
        // LayerSpecs refused blanks, quotes and control characters already, this is the second fence
        StringBuilder exec = new StringBuilder(RootWaitUnits.BINARY)
                .append(" fetch --where=/sysroot --budget=")
                .append(ExecArgs.quote(
                        r.timeoutMicros() == TimeSpan.INFINITY ? "infinity" : TimeSpan.format(r.timeoutMicros())));
        exec.append(" --size=").append(ExecArgs.quote(r.size()));
        for (LayerSpecs.Layer l : r.layers()) exec.append(" --layer=").append(ExecArgs.quote(l.spec()));
        Optional<String> refused = plan.begin(r.origin())
                .unit(UnitFile.builder(SERVICE)
                        .section("Unit")
                        .set("Description", "Download the root file system into /sysroot")
                        .set("Documentation", "man:stagehand(8)")
                        .set("DefaultDependencies", "no")
                        .set("Conflicts", "shutdown.target")
                        .set("Wants", Units.NETWORK_ONLINE_TARGET)
                        .set("After", Units.NETWORK_ONLINE_TARGET + " " + "sysroot.mount")
                        .set("Requires", "sysroot.mount")
                        // /usr is in the download too (no mount.usr=: initrd-usr-fs.target requires only the tmpfs)
                        .set(
                                "Before",
                                Units.INITRD_ROOT_FS_TARGET + " " + Units.INITRD_USR_FS_TARGET + " shutdown.target")
                        .section("Service")
                        .set("Type", "oneshot")
                        .set("RemainAfterExit", "yes")
                        // the budget is stagehand fetch's own (it pauses for passphrase prompts)
                        .set("TimeoutStartSec", "infinity")
                        .set("StandardOutput", "journal+console")
                        .set("ExecStart", exec.toString())
                        .build())
                .link(Links.dependency(Units.INITRD_ROOT_FS_TARGET, "requires", SERVICE))
                .commit();
        refused.ifPresent(p -> log.error(r.origin(), "no download of the root: " + p));
        return refused.isEmpty();
    }
}
