package dev.stagehand.hooks;

import dev.stagehand.config.SettingKeys;
import dev.stagehand.config.StagehandConfig;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Booleans;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * [Hooks] Optional= of stagehand.conf: hook scripts whose failure is reported but does not
 * stop the boot, named POINT/SCRIPT ("local-top/foo") or, for NixOS' command lists,
 * "nixos/NAME" ("nixos/postDeviceCommands"). Space-separated; the last setting wins, as for
 * every stagehand.conf key.
 */
public final class HookSettings {
    static final String SECTION = "Hooks", OPTIONAL = "Optional", CMDLINE = "rd.stagehand.hooks";
    /** [Hooks] Optional= and rd.stagehand.hooks=. */
    public static final SettingKeys KEYS = new SettingKeys(Map.of(SECTION, List.of(OPTIONAL)), List.of(CMDLINE));

    private final Map<String, Origin> optional;

    private HookSettings(Map<String, Origin> optional) {
        this.optional = optional;
    }

    public static HookSettings none() {
        return new HookSettings(Map.of());
    }

    public static HookSettings parse(StagehandConfig config, Log log) {
        Map<String, Origin> out = new LinkedHashMap<>();
        StagehandConfig.Value v = config.get(SECTION, OPTIONAL);
        if (v == null) return new HookSettings(out);
        for (String w : v.text().split("[ \t]+")) {
            if (w.isEmpty()) continue;
            HookPoint whole = HookPoint.byId(w);
            boolean ok;
            if (whole != null) {
                ok = whole.family == HookPoint.Family.NIXOS; // nixos/NAME is one command list
            } else {
                int slash = w.lastIndexOf('/');
                HookPoint p = slash <= 0 ? null : HookPoint.byId(w.substring(0, slash));
                ok = p != null
                        && p.family == HookPoint.Family.INITRAMFS_TOOLS
                        && HookScripts.isScriptName(w.substring(slash + 1));
            }
            if (!ok) {
                log.warning(
                        v.origin(),
                        "Optional=: \"" + w + "\" is not a hook name (expected STAGE/SCRIPT such as "
                                + "local-top/foo, or nixos/NAME such as nixos/postDeviceCommands); ignored");
                continue;
            }
            out.put(w, v.origin());
        }
        return new HookSettings(out);
    }

    /**
     * rd.stagehand.hooks=0 on the kernel command line: no legacy hook units at all (the way
     * out when a hook script breaks the boot: one word at the boot loader). The last word wins;
     * a value that is not a boolean is reported and the hooks stay on.
     */
    public static boolean enabled(KernelCommandLine cmdline, Log log) {
        boolean on = true;
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            if (!w.key().equals(CMDLINE)) continue;
            Boolean b = w.value() == null ? Boolean.TRUE : Booleans.parse(w.value());
            if (b == null) {
                log.warning(
                        Origin.cmdline("rd.stagehand.hooks="),
                        "expected a boolean (0 or 1), got \"" + w.value() + "\"; ignored");
                continue;
            }
            on = b;
        }
        if (!on)
            log.notice(Origin.cmdline("rd.stagehand.hooks="), "legacy hook scripts are not run (rd.stagehand.hooks=0)");
        return on;
    }

    public boolean isOptional(HookScript s) {
        return optional.containsKey(s.hookName());
    }

    /** Reports optional names that no script of this initrd has (a typo should not go unnoticed). */
    public void reportUnmatched(Map<HookPoint, List<HookScript>> scripts, Log log) {
        Set<String> known = new TreeSet<>();
        for (List<HookScript> l : scripts.values()) for (HookScript s : l) known.add(s.hookName());
        for (Map.Entry<String, Origin> e : optional.entrySet()) {
            if (!known.contains(e.getKey())) {
                log.warning(e.getValue(), "Optional=: no hook script " + e.getKey() + " runs in this initrd; ignored");
            }
        }
    }
}
