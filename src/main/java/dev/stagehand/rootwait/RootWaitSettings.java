package dev.stagehand.rootwait;

import dev.stagehand.config.SettingKeys;
import dev.stagehand.config.StagehandConfig;
import dev.stagehand.input.Environment;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.TimeSpan;
import java.util.List;
import java.util.Map;

/**
 * The root wait budget from the kernel command line: rd.stagehand.rootwait= (a time span),
 * else dracut's rd.timeout= (seconds), else the kernel's rootdelay= (seconds), else
 * [RootWait] Budget= of stagehand.conf, else 90 s. 0 and "infinity" mean no limit. The last
 * of each key wins; a bad value is reported and the next source is used.
 */
public record RootWaitSettings(long budgetMicros, String source, boolean rootFound) {
    public static final long DEFAULT_MICROS = 90_000_000L;
    static final String SECTION = "RootWait", BUDGET = "Budget", CMDLINE = "rd.stagehand.rootwait";
    /** [RootWait] Budget= and rd.stagehand.rootwait=. */
    public static final SettingKeys KEYS = new SettingKeys(Map.of(SECTION, List.of(BUDGET)), List.of(CMDLINE));
    /**
     * Left by `stagehand rootwait` once the root device is there. A daemon-reload after that
     * (initrd-parse-etc for x-initrd.mount entries) runs the generator again, which then writes
     * no drop-ins that take the job timeout off the chain's devices: their wait had an owner
     * only while the root wait ran.
     */
    public static final String FOUND_MARKER = "/run/stagehand/rootwait-found";

    public RootWaitSettings(long budgetMicros, String source) {
        this(budgetMicros, source, false);
    }

    /** The settings, and whether the root wait found the root already (FOUND_MARKER below env's root). */
    public static RootWaitSettings parse(KernelCommandLine cmdline, StagehandConfig config, Environment env, Log log) {
        RootWaitSettings s = parse(cmdline, config, log);
        return new RootWaitSettings(s.budgetMicros(), s.source(), env.root().exists(FOUND_MARKER));
    }

    public static RootWaitSettings parse(KernelCommandLine cmdline, StagehandConfig config, Log log) {
        RootWaitSettings fromConfig = new RootWaitSettings(DEFAULT_MICROS, "default");
        StagehandConfig.Value c = config.get(SECTION, BUDGET);
        if (c != null) { // checked even when the command line wins: a bad file should be noticed
            Long v = TimeSpan.parseSecFix0(c.text());
            if (v != null) fromConfig = new RootWaitSettings(v, c.origin().toString());
            else
                log.warning(
                        c.origin(),
                        "Budget= expects a time span such as 90 or 2min, got \"" + c.text() + "\"; ignored");
        }
        String ours = null, rdTimeout = null, rootdelay = null;
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            if (w.value() == null) continue;
            switch (w.key()) {
                case CMDLINE -> ours = w.value();
                case "rd.timeout" -> rdTimeout = w.value();
                case "rootdelay" -> rootdelay = w.value();
                default -> {}
            }
        }
        for (String[] s : new String[][] {{CMDLINE, ours}, {"rd.timeout", rdTimeout}, {"rootdelay", rootdelay}}) {
            if (s[1] == null) continue;
            Long v = TimeSpan.parseSecFix0(s[1]);
            if (v == null) {
                log.warning(
                        Origin.cmdline(s[0] + "="),
                        "expected a time span such as 90 or 2min, got \"" + s[1] + "\"; ignored");
                continue;
            }
            return new RootWaitSettings(v, s[0] + "=");
        }
        return fromConfig;
    }

    /** The budget as stagehand rootwait takes it. */
    public String budgetText() {
        return budgetMicros == TimeSpan.INFINITY ? "infinity" : TimeSpan.format(budgetMicros);
    }
}
