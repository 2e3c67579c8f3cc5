package dev.stagehand.cli;

import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.wait.ToolOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The tools the runtime commands start (mdadm, lvm, systemd-ask-password), found as dracut puts them. */
final class Programs {
    private Programs() {}

    /**
     * A --timeout= of a runtime command in nanoseconds (the waits' clock): a systemd time span,
     * not infinity (the generator never writes infinity there: a policy that never gives up is
     * policy never).
     */
    static long finiteNanos(CommandSpec spec, String option, String text) {
        Long t = TimeSpan.parseSec(text);
        if (t == null || t == TimeSpan.INFINITY) {
            throw new ParameterException(spec.commandLine(), option + ": \"" + text + "\" is not a time span");
        }
        return t * 1000L;
    }

    /** NAME in PATH, then in /sbin, /usr/sbin, /bin, /usr/bin (dracut puts mdadm and lvm in /sbin); else NAME as given. */
    static String find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/sbin:/usr/sbin:/bin:/usr/bin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) return d + "/" + name;
        }
        return name;
    }

    /** Runs the program NAME (as {@link #find} finds it) with args; as {@link #run(List, boolean, Map)}. */
    static ToolOutput run(String name, List<String> args, boolean quiet, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(find(name));
        cmd.addAll(args);
        return run(cmd, quiet, env);
    }

    /** Runs cmd with env added; its errors go to ours (the journal, the console), or nowhere with quiet. */
    static ToolOutput run(List<String> cmd, boolean quiet, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(quiet ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        p.getInputStream().transferTo(b);
        return new ToolOutput(p.waitFor(), b.toString(StandardCharsets.UTF_8));
    }
}
