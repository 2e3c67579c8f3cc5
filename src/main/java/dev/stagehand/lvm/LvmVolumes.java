package dev.stagehand.lvm;

import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Booleans;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The logical volumes of the storage graph, as dracut's 90lvm chooses what to activate:
 * rd.lvm.lv=VG/LV, and the root device when it is an LV path; none with rd.lvm=0. LVM
 * activation itself stays with the initrd's udev rules; the nodes give the root wait its
 * chain and `explain` its picture.
 */
public final class LvmVolumes {
    private final Log log;

    public LvmVolumes(Log log) {
        this.log = log;
    }

    public void read(KernelCommandLine cmdline, StorageGraph graph) {
        boolean on = true;
        Map<String, LvmVolume> out = new LinkedHashMap<>();
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            switch (w.key()) {
                case "rd.lvm" -> {
                    Boolean b = w.value() == null ? Boolean.TRUE : Booleans.parse(w.value());
                    if (b == null) log.warning(Origin.cmdline("rd.lvm="), "expected a boolean, got \"" + w.value() + "\"; ignored");
                    else on = b;
                }
                case "rd_NO_LVM" -> on = false;
                case "rd.lvm.lv", "rd_LVM_LV" -> {
                    String v = w.value() == null ? "" : w.value();
                    int slash = v.indexOf('/');
                    String vg = slash > 0 ? v.substring(0, slash) : "", lv = slash > 0 ? v.substring(slash + 1) : "";
                    if (!LvmNames.valid(vg) || !LvmNames.valid(lv)) {
                        log.warning(Origin.cmdline(w.key() + "="), "expected VG/LV, got \"" + v + "\"; ignored");
                        continue;
                    }
                    out.putIfAbsent(vg + "/" + lv, new LvmVolume(Origin.cmdline(w.key() + "=" + v), vg, lv));
                }
                default -> { }
            }
        }
        if (!on) return;
        for (StorageNode n : graph.nodes()) {
            if (n instanceof MountPoint m && "/sysroot".equals(m.where())) {
                String[] vl = LvmNames.parse(m.what());
                if (vl != null) out.putIfAbsent(vl[0] + "/" + vl[1], new LvmVolume(m.origin(), vl[0], vl[1]));
                break;
            }
        }
        out.values().forEach(graph::add);
    }
}
