package dev.stagehand.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The tools the runtime commands start (mdadm, lvm, systemd-ask-password), found as dracut puts them. */
final class Programs {
    private Programs() {}

    /** Exit status and standard output. */
    record Output(int status, String out) {}

    /** NAME in PATH, then in /sbin, /usr/sbin, /bin, /usr/bin (dracut puts mdadm and lvm in /sbin); else NAME as given. */
    static String find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/sbin:/usr/sbin:/bin:/usr/bin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) return d + "/" + name;
        }
        return name;
    }

    /** Runs cmd with env added; its errors go to ours (the journal, the console), or nowhere with quiet. */
    static Output run(List<String> cmd, boolean quiet, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(quiet ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        p.getInputStream().transferTo(b);
        return new Output(p.waitFor(), b.toString(StandardCharsets.UTF_8));
    }
}
