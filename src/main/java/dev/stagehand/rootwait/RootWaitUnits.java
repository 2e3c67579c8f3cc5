package dev.stagehand.rootwait;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MdArray;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.log.Log;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.UnitNames;
import dev.stagehand.units.ExecArgs;
import dev.stagehand.units.Links;
import dev.stagehand.units.Units;
import dev.stagehand.wait.PolicyState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The root wait: stagehand-rootwait.service, required by initrd-root-device.target, runs
 * `stagehand rootwait` with the budget, the chain of devices the root depends on and the
 * degraded policies on it; those devices get no job timeout of their own from systemd (it would
 * count the time a passphrase is typed). The root wait owns those unlimited jobs: when it ends
 * it cancels the ones of devices that are not there (JobRelease), so none outlives it.
 */
public final class RootWaitUnits {
    public static final String SERVICE = "stagehand-rootwait.service";
    /** Where the dracut module and `make install` put the binary. */
    public static final String BINARY = "/usr/bin/stagehand";

    public static final String DROP_IN = "zz-stagehand-rootwait.conf";

    private final Log log;
    private final PlanBuilder plan;

    public RootWaitUnits(Log log, PlanBuilder plan) {
        this.log = log;
        this.plan = plan;
    }

    /**
     * @param root    the planned /sysroot mount, or null
     * @param usr     the planned /sysusr/usr mount of mount.usr=, or null: a device it names is
     *                waited for beside the root, with its chain
     * @param upper   an image root's persistent upper layer mount (rd.stagehand.overlay=DEVICE),
     *                or null: waited for as /usr is
     * @param arrays  the md arrays the initrd assembles
     * @param volumes the planned crypt volumes
     */
    public void add(
            MountPoint root,
            MountPoint usr,
            MountPoint upper,
            List<MdArray> arrays,
            List<CryptVolume> volumes,
            List<LvmGroup> groups,
            List<LvmVolume> lvms,
            RootWaitSettings settings) {
        if (root == null || !Paths.isDevicePath(root.what())) return; // tmpfs, network, ... : nothing to wait for
        String usrDevice = beside(root, usr);
        String upperDevice = beside(root, upper);
        List<RootChain.Link> chain = new ArrayList<>(RootChain.of(root.what(), arrays, volumes, groups, lvms));
        for (String d : new String[] {usrDevice, upperDevice}) {
            if (d == null) continue;
            // its own chain, less what the root's already has (both may sit on one array or VG)
            for (RootChain.Link l : RootChain.of(d, arrays, volumes, groups, lvms)) {
                boolean known = Paths.equal(l.path(), root.what());
                for (RootChain.Link c : chain) known |= Paths.equal(c.path(), l.path());
                if (!known) chain.add(l);
            }
        }
        PlanBuilder.Transaction tx = plan.begin(root.origin());
        StringBuilder exec = new StringBuilder(BINARY)
                .append(" rootwait --device=")
                .append(ExecArgs.quote(root.what()))
                .append(" --budget=")
                .append(ExecArgs.quote(settings.budgetText()));
        if (usrDevice != null) exec.append(" --usr=").append(ExecArgs.quote(usrDevice));
        if (upperDevice != null) exec.append(" --upper=").append(ExecArgs.quote(upperDevice));
        for (RootChain.Link l : chain) exec.append(" --link=").append(ExecArgs.quote(l.path() + "=" + l.what()));
        for (String p : policies(arrays, groups)) exec.append(" --policy=").append(ExecArgs.quote(p));
        tx.unit(UnitFile.builder(SERVICE)
                .section("Unit")
                .set("Description", "Wait for the root device, not counting passphrase prompts")
                .set("Documentation", "man:stagehand(8)")
                .set("DefaultDependencies", "no")
                .set("Conflicts", "shutdown.target")
                // the budget starts when udev has been asked for every device (coldplug), as the
                // degraded policies' timeouts do: the time before is no device's fault
                .set("After", "systemd-udev-trigger.service")
                .set("Before", Units.INITRD_ROOT_DEVICE_TARGET + " shutdown.target")
                .section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("TimeoutStartSec", "infinity")
                .set("StandardOutput", "journal+console")
                .set("ExecStart", exec.toString())
                .build());
        tx.link(Links.dependency(Units.INITRD_ROOT_DEVICE_TARGET, "requires", SERVICE));
        List<String> devices = new ArrayList<>();
        for (RootChain.Link l : chain) if (l.timed()) devices.add(l.path());
        devices.add(root.what());
        if (usrDevice != null) devices.add(usrDevice);
        if (upperDevice != null) devices.add(upperDevice);
        // after the root wait found the root (a daemon-reload later in the initrd): no unlimited
        // job without the root wait to end it; systemd's own timeouts apply again
        if (settings.rootFound()) devices.clear();
        for (String d : devices) {
            try {
                String unit = UnitNames.fromPath(d, ".device");
                // named to sort after dracut's timeout.conf drop-ins (rd.timeout= for these
                // devices), which count the time a passphrase is being typed
                tx.dropIn(UnitFile.builder(unit + ".d/" + DROP_IN)
                        .comment("the root wait (" + SERVICE + ") times this device, pausing for passphrase prompts")
                        .section("Unit")
                        .set("JobTimeoutSec", "infinity")
                        .set("JobRunningTimeoutSec", "infinity")
                        .build());
            } catch (UnitNames.InvalidUnitNameException e) {
                log.warning(root.origin(), "no job timeout drop-in for " + d + ": " + e.getMessage());
            }
        }
        tx.commit().ifPresent(p -> log.error(root.origin(), "no root wait: " + p));
    }

    /** The device of a mount waited for beside the root, or null (none, not a device, the root's own). */
    private static String beside(MountPoint root, MountPoint m) {
        return m != null && Paths.isDevicePath(m.what()) && !Paths.equal(m.what(), root.what()) ? m.what() : null;
    }

    /**
     * The state files of the degraded policies on the chain (every array and group the initrd
     * brings up is on it, RootChain): those with a timeout, during which the root wait's budget
     * holds. Policy never has none (it waits on without deciding, and the root wait counts that).
     */
    static List<String> policies(List<MdArray> arrays, List<LvmGroup> groups) {
        Set<String> names = new LinkedHashSet<>();
        for (MdArray a : arrays) if (a.policy() != MdArray.Degraded.NEVER) names.add(PolicyState.mdName(a.uuid()));
        for (LvmGroup g : groups) if (g.policy() == LvmGroup.Degraded.AUTO) names.add(PolicyState.lvmName(g.vg()));
        return List.copyOf(names);
    }
}
