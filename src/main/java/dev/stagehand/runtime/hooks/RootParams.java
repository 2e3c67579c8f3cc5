package dev.stagehand.runtime.hooks;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ROOT, ROOTFSTYPE and ROOTFLAGS as initramfs-tools' init sees them after a hook point: its
 * environment, then /conf/param.conf sourced over it. init mounts ${ROOT} with ${ROOTFSTYPE}
 * and ${ROOTFLAGS} after local-premount, and sources param.conf after every script, so a script
 * that writes "ROOT=/dev/mapper/x" there changes what init mounts. stagehand's mount comes from
 * the generator instead; the runner compares these values with the command line's and, when a
 * script changed them, hands the change to the generator as command line overrides.
 *
 * @param flags ROOTFLAGS as init keeps it: "-o OPTIONS" (or empty)
 */
public record RootParams(String root, String fstype, String flags) {
    /** The values the environment gives (what the command line said). */
    public static RootParams of(Map<String, String> env) {
        return new RootParams(
                env.getOrDefault("ROOT", ""), env.getOrDefault("ROOTFSTYPE", ""), env.getOrDefault("ROOTFLAGS", ""));
    }

    /**
     * The values after sourcing param.conf over {@code env}, as init does; {@code this} when
     * there is no param.conf. A param.conf the shell cannot source leaves the values as they were.
     */
    static RootParams afterParamConf(RootParams before, String shell, String paramConf, Map<String, String> env)
            throws IOException, InterruptedException {
        if (paramConf == null || !new File(paramConf).exists()) return before;
        ProcessBuilder pb = new ProcessBuilder(
                shell,
                "-c",
                ". \"$1\" >/dev/null 2>&1 </dev/null; printf '%s\\0%s\\0%s\\0' \"$ROOT\" \"$ROOTFSTYPE\" \"$ROOTFLAGS\"",
                "stagehand-param-conf",
                paramConf);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectErrorStream(false);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        p.getInputStream().transferTo(b);
        if (p.waitFor() != 0) return before;
        String[] v = b.toString(StandardCharsets.ISO_8859_1).split("\0", -1);
        return v.length < 3 ? before : new RootParams(v[0], v[1], v[2]);
    }

    /**
     * The kernel command line words that say what {@code this} says where it differs from
     * {@code cmdline}: root=, rootfstype=, rootflags= (ROOTFLAGS without init's "-o ").
     */
    List<String> wordsChangedFrom(RootParams cmdline) {
        List<String> out = new ArrayList<>();
        if (!root.equals(cmdline.root)) out.add("root=" + root);
        if (!fstype.equals(cmdline.fstype)) out.add("rootfstype=" + fstype);
        if (!flags.equals(cmdline.flags))
            out.add("rootflags=" + (flags.startsWith("-o ") ? flags.substring(3) : flags));
        return out;
    }

    /** Why these values cannot become command line words, or null. */
    String problem() {
        if (root.isEmpty()) return "ROOT is empty";
        if (!flags.isEmpty() && !flags.startsWith("-o "))
            return "ROOTFLAGS is \"" + flags + "\", not \"-o OPTIONS\" as init keeps it";
        for (String v : List.of(root, fstype, flags.isEmpty() ? "" : flags.substring(3))) {
            if (v.chars().anyMatch(c -> c == '\n' || c == '\r' || c == ' ' || c == '\t' || c < 0x20 || c == 0x7f)) {
                return "a value holds a blank or a control character, which no kernel command line word can";
            }
        }
        return null;
    }
}
