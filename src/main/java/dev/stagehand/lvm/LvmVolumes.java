package dev.stagehand.lvm;

import dev.stagehand.config.DegradedSettings;
import dev.stagehand.config.SettingKeys;
import dev.stagehand.config.StagehandConfig;
import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.LvmGroup;
import dev.stagehand.graph.LvmVolume;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.input.Environment;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.input.LvmConf;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Booleans;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The logical volumes and volume groups of the storage graph, as dracut's 90lvm chooses what
 * to activate (parse-lvm.sh, lvm_scan.sh): the LVs of rd.lvm.lv=VG/LV (old form rd_LVM_LV=),
 * the whole groups of rd.lvm.vg=VG (rd_LVM_VG=), and the root device when it is an LV path
 * that is no LUKS volume's name and LVM is in play ({@link #rootLv}); none with rd.lvm=0 (rd_NO_LVM). Each group gets its degraded policy: the kernel command line
 * (rd.stagehand.lvm.degraded=, rd.stagehand.lvm.timeout=) wins over [LVM:VG] of
 * stagehand.conf, which wins over [LVM], which wins over auto after 30 s.
 *
 * The initrd's lvm.conf and lvmlocal.conf (not with rd.lvm.conf=0, as dracut removes lvm.conf
 * then) are read for what decides whether the policy can work: activation/activation_mode
 * (lvm's default "degraded" lets the first scan activate a RAID LV with a missing PV at once)
 * and the device filters, which are checked here and applied by lvm itself when it scans.
 */
public final class LvmVolumes {
    public static final long DEFAULT_TIMEOUT_MICROS = 30_000_000L;
    /** [LVM] (all groups), [LVM:VG] (one group; "LVM:*" in KEYS). */
    public static final String SECTION = "LVM";

    static final String CMD_DEGRADED = "rd.stagehand.lvm.degraded", CMD_TIMEOUT = "rd.stagehand.lvm.timeout";
    /** Degraded= and Timeout= of [LVM] and [LVM:VG], rd.stagehand.lvm.degraded= and .timeout=. */
    public static final SettingKeys KEYS = new SettingKeys(
            Map.of(SECTION, DegradedSettings.KEYS, SECTION + ":*", DegradedSettings.KEYS),
            List.of(CMD_DEGRADED, CMD_TIMEOUT));
    /** Where lvm reads its configuration; lvmlocal.conf's settings win (lvm's config cascade). */
    static final String[] CONF = {"/etc/lvm/lvm.conf", "/etc/lvm/lvmlocal.conf"};
    /** Where dracut's 90lvm module installs its scan (module-setup.sh: inst_script lvm_scan.sh /sbin/lvm_scan). */
    static final String DRACUT_LVM_SCAN = "/sbin/lvm_scan";

    private final Environment env;
    private final Log log;

    public LvmVolumes(Environment env, Log log) {
        this.env = env;
        this.log = log;
    }

    public void read(KernelCommandLine cmdline, StagehandConfig config, StorageGraph graph) {
        boolean on = true, conf = true;
        Map<String, LvmVolume> lvs = new LinkedHashMap<>();
        Map<String, Origin> wholeGroups = new LinkedHashMap<>(); // rd.lvm.vg=
        DegradedSettings.Setting cmdPolicy = null, cmdTimeout = null;
        boolean named = false; // rd.lvm.lv=/rd.lvm.vg= words, even bad ones: LVM is in play
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            switch (w.key()) {
                case "rd.lvm", "rd.lvm.conf" -> {
                    Boolean b = w.value() == null ? Boolean.TRUE : Booleans.parse(w.value());
                    if (b == null)
                        log.warning(w.origin(w.key() + "="), "expected a boolean, got \"" + w.value() + "\"; ignored");
                    else if (w.key().equals("rd.lvm")) on = b;
                    else conf = b;
                }
                case "rd_NO_LVM" -> on = false;
                case "rd_NO_LVMCONF" -> conf = false;
                case "rd.lvm.lv", "rd_LVM_LV" -> {
                    named = true;
                    String v = w.value() == null ? "" : w.value();
                    int slash = v.indexOf('/');
                    String vg = slash > 0 ? v.substring(0, slash) : "", lv = slash > 0 ? v.substring(slash + 1) : "";
                    if (!LvmNames.valid(vg) || !LvmNames.valid(lv)) {
                        log.error(
                                w.origin(w.key() + "="),
                                "expected VG/LV such as vg0/root (" + LvmNames.RULE + "), got \"" + v + "\"; ignored");
                        continue;
                    }
                    lvs.putIfAbsent(vg + "/" + lv, new LvmVolume(w.origin(w.key() + "=" + v), vg, lv));
                }
                case "rd.lvm.vg", "rd_LVM_VG" -> {
                    named = true;
                    String v = w.value() == null ? "" : w.value();
                    if (!LvmNames.valid(v)) {
                        log.error(
                                w.origin(w.key() + "="),
                                "expected a volume group name such as vg0 (" + LvmNames.RULE + "), got \"" + v + "\""
                                        + (v.indexOf('/') > 0 ? "; for one logical volume write rd.lvm.lv=" + v : "")
                                        + "; ignored");
                        continue;
                    }
                    wholeGroups.putIfAbsent(v, w.origin(w.key() + "=" + v));
                }
                case CMD_DEGRADED -> cmdPolicy = new DegradedSettings.Setting(w.value(), w.origin(w.key() + "="));
                case CMD_TIMEOUT -> cmdTimeout = new DegradedSettings.Setting(w.value(), w.origin(w.key() + "="));
                default -> {}
            }
        }
        if (!on) {
            if (!lvs.isEmpty() || !wholeGroups.isEmpty())
                log.info(Origin.cmdline("rd.lvm="), "rd.lvm=0: no LVM, rd.lvm.lv=/rd.lvm.vg= ignored");
            return;
        }
        for (StorageNode n : graph.nodes()) {
            if (n instanceof MountPoint m && "/sysroot".equals(m.where())) {
                LvmVolume root = rootLv(m, lvs, named, graph);
                if (root != null) lvs.put(root.label(), root);
                break;
            }
        }
        // one group per VG: the whole group when rd.lvm.vg= names it, else its LVs of the graph
        Map<String, Origin> groupOrigin = new LinkedHashMap<>(wholeGroups);
        Map<String, List<String>> groupLvs = new LinkedHashMap<>();
        for (LvmVolume v : lvs.values()) {
            groupOrigin.putIfAbsent(v.vg(), v.origin());
            groupLvs.computeIfAbsent(v.vg(), x -> new ArrayList<>()).add(v.lv());
        }
        lvs.values().forEach(graph::add);
        if (groupOrigin.isEmpty()) return;
        String mode = conf ? readConf() : LvmConf.DEFAULT_ACTIVATION_MODE;
        for (var e : groupOrigin.entrySet()) {
            List<String> wanted =
                    wholeGroups.containsKey(e.getKey()) ? List.of() : groupLvs.getOrDefault(e.getKey(), List.of());
            graph.add(group(e.getValue(), e.getKey(), wanted, config, cmdPolicy, cmdTimeout));
        }
        // whatever the policy (auto waits first, never not at all), lvm must not go degraded by
        // itself. Only dracut's scan does: lvm_scan runs lvchange/vgchange -ay at the first
        // settled initqueue pass, in lvm's activation mode. lvm's own udev rules (69-dm-lvm.rules:
        // the systemd initrd of NixOS and others) activate a group only once pvscan
        // --checkcomplete finds every PV, so the mode does not matter there.
        if (!mode.equals("complete")
                && (env.root().exists(DRACUT_LVM_SCAN) || env.root().exists("/usr" + DRACUT_LVM_SCAN))) {
            log.notice(
                    modeSetIn != null ? modeSetIn : Origin.file(CONF[0]),
                    "activation_mode is \"" + mode + "\"" + (modeSetIn == null ? " (lvm's default)" : "")
                            + ": dracut's lvm_scan activates " + (mode.equals("partial") ? "any LV" : "a RAID LV")
                            + " with missing PVs at its first scan, before the degraded policy's timeout; "
                            + "stagehand's dracut module sets activation_mode = \"complete\" in the initrd's lvmlocal.conf");
        }
    }

    /**
     * The LV the root device is, when its path reads as one and is one: not a crypt volume's
     * name ({@link LvmNames#cryptName}) and LVM in play (rd.lvm.lv=/rd.lvm.vg= words, or
     * {@link LvmPresence} in the initrd). This holds for /dev/VG/LV too, though only LVM names
     * devices so: without LVM in the initrd nothing activates the group or makes the link, and
     * stagehand's activation unit would have no lvm to run. An LV that rd.lvm.lv= names is
     * taken as it is (explicit beats inferred): null then, as for a root that is no LV.
     */
    private LvmVolume rootLv(MountPoint m, Map<String, LvmVolume> lvs, boolean named, StorageGraph graph) {
        String[] vl = LvmNames.parse(m.what());
        if (vl == null || lvs.containsKey(vl[0] + "/" + vl[1])) return null;
        List<String> cryptNames = new ArrayList<>();
        for (StorageNode n : graph.nodes()) if (n instanceof CryptVolume c) cryptNames.add(c.name());
        String reads = "root " + m.what() + " reads as VG " + vl[0] + ", LV " + vl[1];
        if (LvmNames.cryptName(m.what(), cryptNames)) {
            // a crypt volume named VG-LV-like (crypttab's crypt-root): said, not loud (it is no mistake)
            log.info(
                    m.origin(),
                    reads + ", but it is the crypt volume " + m.what().substring("/dev/mapper/".length())
                            + ": no LVM activation planned");
            return null;
        }
        if (!named && LvmPresence.find(env.root()) == null) {
            log.notice(
                    m.origin(),
                    reads + ", but nothing in the initrd activates LVM (" + LvmPresence.NONE
                            + "): no LVM activation planned; if it is an LV, put LVM into the initrd (dracut's lvm module; on NixOS boot.initrd.services.lvm.enable)");
            return null;
        }
        return new LvmVolume(m.origin(), vl[0], vl[1]);
    }

    private LvmGroup group(
            Origin origin,
            String vg,
            List<String> lvs,
            StagehandConfig config,
            DegradedSettings.Setting cmdPolicy,
            DegradedSettings.Setting cmdTimeout) {
        // later sources win: [LVM], then [LVM:VG], then the command line
        DegradedSettings.Result<LvmGroup.Degraded> r = DegradedSettings.resolve(
                config,
                List.of(SECTION, SECTION + ":" + vg),
                cmdPolicy,
                CMD_DEGRADED + "=",
                cmdTimeout,
                LvmGroup.Degraded.AUTO,
                DEFAULT_TIMEOUT_MICROS,
                this::policy,
                log);
        return new LvmGroup(origin, vg, lvs, r.policy(), r.timeoutMicros(), r.source());
    }

    private LvmGroup.Degraded policy(String v, Origin o) {
        String s = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "auto" -> LvmGroup.Degraded.AUTO;
            case "never" -> LvmGroup.Degraded.NEVER;
            default -> {
                log.warning(o, "expected auto or never, got \"" + v + "\"; ignored");
                yield null;
            }
        };
    }

    /** Where the effective activation_mode was set, or null for lvm's default. */
    private Origin modeSetIn;

    /**
     * Reads lvm.conf, then lvmlocal.conf (whose settings win), reports what lvm would refuse or
     * misread, and returns the activation_mode lvm will use.
     */
    String readConf() {
        String mode = LvmConf.DEFAULT_ACTIVATION_MODE;
        modeSetIn = null;
        for (String f : CONF) {
            LvmConf.Conf c;
            try {
                String text = env.root().read(f);
                if (text == null) continue;
                c = LvmConf.parse(text, f, log);
            } catch (IOException e) {
                log.warning(Origin.file(f), "cannot be read: " + e.getMessage());
                continue;
            }
            for (String key : List.of(LvmConf.FILTER, LvmConf.GLOBAL_FILTER)) {
                LvmConf.Value v = c.get(key);
                if (v == null) continue;
                for (String item : v.items()) {
                    String problem = LvmConf.filterProblem(item);
                    if (problem != null) {
                        log.warning(
                                v.origin(),
                                key.substring(key.indexOf('/') + 1) + " element \"" + item + "\" " + problem
                                        + "; lvm refuses the filter and with it every command");
                    }
                }
            }
            LvmConf.Value m = c.get(LvmConf.ACTIVATION_MODE);
            if (m != null) {
                String v = m.items().size() == 1 ? m.items().get(0) : null;
                if (v == null || !LvmConf.ACTIVATION_MODES.contains(v)) {
                    log.warning(
                            m.origin(),
                            "activation_mode: expected \"complete\", \"degraded\" or \"partial\", got "
                                    + (v == null ? "an array" : "\"" + v + "\"")
                                    + "; lvm refuses to run (\"Invalid activation mode given\")");
                } else {
                    mode = v;
                    modeSetIn = m.origin();
                }
            }
        }
        return mode;
    }
}
