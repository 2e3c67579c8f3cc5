package dev.stagehand.graph;

import dev.stagehand.log.Origin;
import java.util.List;

/**
 * A volume group the initrd activates (named by rd.lvm.vg=, or holding an LV of the graph),
 * with its degraded policy: what to do when physical volumes are still missing
 * {@code timeoutMicros} after the first one appeared (not counting passphrase prompts).
 *
 * @param lvs    the LVs to activate; empty: the whole group (rd.lvm.vg=)
 * @param source where the policy came from, e.g. "[LVM:vg0] Degraded=" or "default"
 */
public record LvmGroup(Origin origin, String vg, List<String> lvs, Degraded policy, long timeoutMicros, String source)
        implements StorageNode {
    public LvmGroup {
        lvs = List.copyOf(lvs);
    }

    /** What to do with a group that still misses physical volumes when its timeout runs out. */
    public enum Degraded {
        /** activate with --activationmode degraded: RAID LVs that still hold all their data come up degraded */
        AUTO,
        /** only ever activate complete; the root wait names the group when it gives up */
        NEVER
    }

    public String label() {
        return "VG " + vg;
    }

    /** What is activated: "vg/lv, vg/lv2" or "all LVs of vg". */
    public String wanted() {
        if (lvs.isEmpty()) return "all LVs of " + vg;
        StringBuilder b = new StringBuilder();
        for (String lv : lvs)
            b.append(b.isEmpty() ? "" : ", ").append(vg).append('/').append(lv);
        return b.toString();
    }
}
