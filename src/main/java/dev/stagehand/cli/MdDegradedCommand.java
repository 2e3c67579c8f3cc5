package dev.stagehand.cli;

import dev.stagehand.input.MdadmConf;
import dev.stagehand.runtime.md.MdDegraded;
import dev.stagehand.wait.PolicyAnnouncer;
import dev.stagehand.wait.PolicyState;
import dev.stagehand.wait.ToolOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** stagehand md-degraded: run by stagehand-md-degraded@.service, which the generator writes. */
@Command(
        name = "md-degraded",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Start an md array degraded when members are still missing after a timeout (not counting passphrase prompts), "
                    + "or ask first.",
            "Exits at once when the array runs with all its members."
        })
public final class MdDegradedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--uuid", paramLabel = "UUID", required = true, description = "the array's UUID")
    String uuid;

    @Option(names = "--name", paramLabel = "NAME", description = "the array's name, for messages")
    String name;

    @Option(
            names = "--policy",
            paramLabel = "POLICY",
            defaultValue = "auto",
            description = "auto (start degraded), ask, or never (only with --assemble) (default ${DEFAULT-VALUE})")
    String policy;

    @Option(
            names = "--assemble",
            description = "hand members of the array to mdadm --incremental as they appear "
                    + "(dracut's udev rules do not: no rd.md.uuid= and no rd.auto)")
    boolean assemble;

    @Option(
            names = "--timeout",
            paramLabel = "SPAN",
            defaultValue = "30s",
            description = "how long to wait for all members (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--sys", paramLabel = "DIR", hidden = true, defaultValue = "/sys", description = "sysfs (tests)")
    Path sys;

    @Option(names = "--dev", paramLabel = "DIR", hidden = true, defaultValue = "/dev", description = "/dev (tests)")
    Path dev;

    @Mixin
    PromptDir askDir;

    @Mixin
    PolicyDir policyDir;

    @Override
    public Integer call() throws Exception {
        String u = MdadmConf.uuid(uuid);
        if (u == null)
            throw new ParameterException(spec.commandLine(), "--uuid: expected 32 hex digits, got \"" + uuid + "\"");
        if (!policy.equals("auto") && !policy.equals("ask") && !(assemble && policy.equals("never"))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--policy: expected auto or ask (or never with --assemble), got \"" + policy + "\"");
        }
        long nanos = Programs.finiteNanos(spec, "--timeout", timeout);
        MdDegraded md = new MdDegraded(
                        MdadmConf.mdUuid(u),
                        name,
                        policy,
                        nanos,
                        sys,
                        dev,
                        askDir.path,
                        new Tools(),
                        System::nanoTime,
                        System.out)
                .assembling(assemble);
        if (!policy.equals("never")) {
            // policy never has no timeout: nothing for the root wait to hold its budget for
            md.announcing(new PolicyAnnouncer(
                    policyDir.path,
                    PolicyState.mdName(u),
                    md.timeoutName(),
                    nanos,
                    ProcessHandle.current().pid(),
                    System.out));
        }
        int rc = md.run();
        System.out.flush();
        return rc;
    }

    /** mdadm and systemd-ask-password (Programs.find). */
    static final class Tools implements MdDegraded.Host {
        @Override
        public ToolOutput mdadm(List<String> args) throws IOException, InterruptedException {
            return Programs.run("mdadm", args, false, Map.of());
        }

        @Override
        public String ask(String question, long timeoutSeconds) throws IOException, InterruptedException {
            ToolOutput o = Programs.run(
                    "systemd-ask-password",
                    List.of("--echo=yes", "--timeout=" + timeoutSeconds, "--id=stagehand-md", question),
                    false,
                    Map.of());
            return o.status() == 0 ? o.out().strip() : null;
        }
    }
}
