package dev.stagehand.netroot;

import dev.stagehand.config.SettingKeys;
import dev.stagehand.config.StagehandConfig;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.TimeSpan;
import java.util.List;
import java.util.Map;

/**
 * The tmpfs size and the download budget of a network root: rootsize= (as initramfs-tools'
 * tmpfs boot mode has it) and rd.stagehand.fetch.timeout= on the kernel command line, else
 * [Fetch] RootSize= and Timeout= of stagehand.conf, else 50% of the RAM and 5 min. A bad value
 * is reported and the next source is used. Read only when root= is a URL.
 *
 * @param size          tmpfs size= as the kernel takes it: bytes, with k, m or g, or N%
 * @param timeoutMicros the whole download's budget (passphrase prompts not counted), or TimeSpan.INFINITY
 */
public record NetworkRootSettings(String size, long timeoutMicros) {
    public static final String DEFAULT_SIZE = "50%";
    public static final long DEFAULT_TIMEOUT_MICROS = 300_000_000L;
    static final String SECTION = "Fetch", SIZE = "RootSize", TIMEOUT = "Timeout";
    static final String SIZE_KEY = "rootsize", TIMEOUT_KEY = "rd.stagehand.fetch.timeout";
    /** [Fetch] RootSize=, Timeout= and rd.stagehand.fetch.timeout= (rootsize= is not ours alone: initramfs-tools reads it). */
    public static final SettingKeys KEYS =
            new SettingKeys(Map.of(SECTION, List.of(SIZE, TIMEOUT)), List.of(TIMEOUT_KEY));

    public static NetworkRootSettings parse(KernelCommandLine cmdline, StagehandConfig config, Log log) {
        String size = DEFAULT_SIZE;
        long timeout = DEFAULT_TIMEOUT_MICROS;
        StagehandConfig.Value s = config.get(SECTION, SIZE);
        if (s != null) {
            String bad = sizeProblem(s.text());
            if (bad == null) size = s.text();
            else log.warning(s.origin(), SIZE + "= " + bad + "; ignored");
        }
        StagehandConfig.Value t = config.get(SECTION, TIMEOUT);
        if (t != null) {
            Long v = TimeSpan.parseSecFix0(t.text());
            if (v != null) timeout = v;
            else
                log.warning(
                        t.origin(),
                        TIMEOUT + "= expects a time span such as 90 or 5min, got \"" + t.text() + "\"; ignored");
        }
        String sizeWord = null, timeoutWord = null;
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            if (w.value() == null) continue;
            if (w.key().equals(SIZE_KEY)) sizeWord = w.value();
            else if (w.key().equals(TIMEOUT_KEY)) timeoutWord = w.value();
        }
        if (sizeWord != null) {
            String bad = sizeProblem(sizeWord);
            if (bad == null) size = sizeWord;
            else log.warning(Origin.cmdline(SIZE_KEY + "="), bad + "; ignored, the tmpfs gets size=" + size);
        }
        if (timeoutWord != null) {
            Long v = TimeSpan.parseSecFix0(timeoutWord);
            if (v != null) timeout = v;
            else
                log.warning(
                        Origin.cmdline(TIMEOUT_KEY + "="),
                        "expected a time span such as 90 or 5min, got \"" + timeoutWord + "\"; ignored");
        }
        return new NetworkRootSettings(size, timeout);
    }

    /**
     * Why a size is refused, or null: the kernel's tmpfs takes bytes with an optional k, m or g
     * (either case) or a percentage of the RAM. 0 is refused: tmpfs reads size=0 as no limit.
     */
    static String sizeProblem(String text) {
        if (text.matches("[0-9]{1,18}[kKmMgG]?")) {
            return text.matches("0+[kKmMgG]?")
                    ? "0 would be a tmpfs without a size limit (expected e.g. 2g or 50%)"
                    : null;
        }
        if (text.matches("[0-9]{1,3}%")) {
            int p = Integer.parseInt(text.substring(0, text.length() - 1));
            return p >= 1 && p <= 100 ? null : "expected a share of the RAM from 1% to 100%, got \"" + text + "\"";
        }
        return "expected a size in bytes with k, m or g (e.g. 2g) or a share of the RAM (e.g. 50%), got \"" + text
                + "\"";
    }

    /** The budget as `stagehand fetch --budget=` takes it. */
    public String timeoutText() {
        return timeoutMicros == TimeSpan.INFINITY ? "infinity" : TimeSpan.format(timeoutMicros);
    }
}
