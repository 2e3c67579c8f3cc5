package dev.stagehand.config;

import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.TimeSpan;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A degraded policy (md arrays, LVM volume groups) and its timeout: Degraded= and Timeout= of
 * the given stagehand.conf sections, later sections winning, then the command line's words,
 * which win over all of them. A bad value is reported and the one before it kept.
 */
public final class DegradedSettings {
    static final String DEGRADED = "Degraded", TIMEOUT = "Timeout";
    /** The keys of a section that holds a degraded policy. */
    public static final List<String> KEYS = List.of(DEGRADED, TIMEOUT);

    private DegradedSettings() {}

    /** A command line value and where it was given. */
    public record Setting(String text, Origin origin) {}

    /** The outcome; source says where the policy came from, e.g. "[MD:root] Degraded=" or "default". */
    public record Result<P>(P policy, long timeoutMicros, String source) {}

    /**
     * @param policy parses a Degraded= value, reporting a bad one and returning null
     * @param cmdPolicyKey the command line key shown as the source when cmdPolicy wins
     */
    public static <P> Result<P> resolve(
            StagehandConfig config,
            List<String> sections,
            Setting cmdPolicy,
            String cmdPolicyKey,
            Setting cmdTimeout,
            P defaultPolicy,
            long defaultTimeoutMicros,
            BiFunction<String, Origin, P> policy,
            Log log) {
        P p = defaultPolicy;
        long timeout = defaultTimeoutMicros;
        String source = "default";
        for (String sec : sections) {
            StagehandConfig.Value v = config.get(sec, DEGRADED);
            if (v != null) {
                P d = policy.apply(v.text(), v.origin());
                if (d != null) {
                    p = d;
                    source = "[" + sec + "] " + DEGRADED + "=";
                }
            }
            StagehandConfig.Value t = config.get(sec, TIMEOUT);
            if (t != null) {
                Long us = timeout(t.text(), t.origin(), log);
                if (us != null) timeout = us;
            }
        }
        if (cmdPolicy != null) {
            P d = policy.apply(cmdPolicy.text(), cmdPolicy.origin());
            if (d != null) {
                p = d;
                source = cmdPolicyKey;
            }
        }
        if (cmdTimeout != null) {
            Long us = timeout(cmdTimeout.text(), cmdTimeout.origin(), log);
            if (us != null) timeout = us;
        }
        return new Result<>(p, timeout, source);
    }

    /** A Timeout= value in microseconds; null (reported) unless a finite span above 0. */
    static Long timeout(String v, Origin o, Log log) {
        Long t = v == null ? null : TimeSpan.parseSec(v);
        if (t == null || t == TimeSpan.INFINITY || t == 0) {
            log.warning(o, "expected a time span such as 30 or 2min (more than 0), got \"" + v + "\"; ignored");
            return null;
        }
        return t;
    }
}
