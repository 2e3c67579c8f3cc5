package dev.stagehand.check;

import dev.stagehand.config.StagehandConfig;
import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.MdArray;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.lvm.LvmVolumes;
import dev.stagehand.md.MdArrays;
import dev.stagehand.systemd.Spelling;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * md and LVM settings that apply to nothing: [MD:NAME] or [LVM:VG] for an array or group the
 * graph does not have (a typo, or an array no rd.md.uuid= and no ARRAY line names), and
 * rd.stagehand.md.* / rd.stagehand.lvm.* when there is no array or group at all. A plain
 * [MD] or [LVM] without arrays or groups is only a notice: one stagehand.conf may serve
 * machines with and without RAID.
 */
final class StackSettings {
    private final Log log;

    StackSettings(Log log) {
        this.log = log;
    }

    void check(StorageGraph graph, StagehandConfig config, KernelCommandLine cmdline) {
        Set<String> arrays = new LinkedHashSet<>(), arrayIds = new LinkedHashSet<>(), groups = new LinkedHashSet<>();
        for (StorageNode n : graph.nodes()) {
            if (n instanceof MdArray a) {
                for (String name : MdArrays.sectionNames(a.uuid(), a.name(), a.device())) {
                    if (!name.equals(a.uuid())) arrays.add(name);
                }
                arrayIds.add(a.uuid()); // also accepted, not offered as a guess
            }
            if (n instanceof LvmGroup g) groups.add(g.vg());
        }
        arrayIds.addAll(arrays);
        section(
                config,
                MdArrays.SECTION,
                "md array",
                arrays,
                arrayIds,
                "name it as mdadm.conf's ARRAY line does (its name=, its device /dev/md/NAME, or NAME) or by its UUID, as rd.md.uuid= does");
        section(
                config,
                LvmVolumes.SECTION,
                "volume group",
                groups,
                groups,
                "name a volume group the initrd activates (rd.lvm.vg=, rd.lvm.lv=VG/LV, or the root's VG)");
        if (cmdline == null) return;
        Set<String> said = new LinkedHashSet<>();
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            if (!said.add(w.key())) continue;
            boolean md = MdArrays.KEYS.commandLine().contains(w.key()),
                    lvm = LvmVolumes.KEYS.commandLine().contains(w.key());
            if ((md && arrays.isEmpty()) || (lvm && groups.isEmpty())) {
                log.warning(
                        w.origin(w.key() + "="),
                        w.key() + "= applies to no " + (md ? "md array" : "volume group") + ": the initrd "
                                + (md
                                        ? "assembles no array stagehand knows of"
                                        : "activates no volume group stagehand knows of"),
                        md
                                ? "name the arrays with rd.md.uuid= or ARRAY lines in mdadm.conf, or drop " + w.key()
                                        + "="
                                : "name the volume groups with rd.lvm.vg= or rd.lvm.lv=, or drop " + w.key() + "=");
            }
        }
    }

    /** [PREFIX:NAME] sections for names not in {@code ids}; [PREFIX] when there is nothing at all. */
    private void section(
            StagehandConfig config, String prefix, String what, Set<String> names, Set<String> ids, String hint) {
        for (String sec : config.sectionNames()) {
            if (sec.equals(prefix) && names.isEmpty()) {
                log.notice(
                        config.origin(sec),
                        "[" + sec + "] applies to no " + what + ": there is none in this configuration");
            } else if (sec.startsWith(prefix + ":") && !ids.contains(sec.substring(prefix.length() + 1))) {
                String name = sec.substring(prefix.length() + 1);
                List<String> known = new ArrayList<>(names);
                String guess = Spelling.closest(name, known);
                log.warning(
                        config.origin(sec),
                        "[" + sec + "] names no " + what + " of this configuration"
                                + (known.isEmpty() ? " (there is none)" : " (known: " + String.join(", ", known) + ")")
                                + "; its settings apply to nothing",
                        guess != null ? "did you mean [" + prefix + ":" + guess + "]?" : hint);
            }
        }
    }
}
