package dev.stagehand.cli;

import dev.stagehand.fsck.FsckSummaries;
import dev.stagehand.rootwait.RootWaitSettings;
import dev.stagehand.runtime.rootwait.JobRelease;
import dev.stagehand.runtime.rootwait.RootWait;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.wait.Budget;
import dev.stagehand.wait.Policies;
import dev.stagehand.wait.ToolOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** stagehand rootwait: run by stagehand-rootwait.service, which the generator writes. */
@Command(
        name = "rootwait",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Wait for the root device; the budget counts only time in which nothing on the root's chain makes progress: "
                    + "not while a passphrase is asked for or a degraded policy of the chain is within its timeout, "
                    + "and it starts again when a link of the chain appears.",
            "Exit 0 when the device is there, 1 when the budget ran out (after saying which link is missing). Either way, "
                    + "the start jobs without time limit of the chain's devices that are not there are cancelled."
        })
public final class RootWaitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--device", paramLabel = "PATH", required = true, description = "the root device path")
    Path device;

    @Option(
            names = "--usr",
            paramLabel = "PATH",
            description = "the /usr device of mount.usr=, waited for beside the root")
    Path usr;

    @Option(
            names = "--upper",
            paramLabel = "PATH",
            description = "the persistent upper layer of an image root "
                    + "(rd.stagehand.overlay=DEVICE), waited for beside the root")
    Path upper;

    @Option(
            names = "--budget",
            paramLabel = "SPAN",
            defaultValue = "90s",
            description = "time span, \"infinity\" for none (default ${DEFAULT-VALUE})")
    String budget;

    @Option(
            names = "--link",
            paramLabel = "PATH=WHAT",
            description = "a device the root depends on, for the message (repeatable)")
    List<String> links = new ArrayList<>();

    @Option(
            names = "--policy",
            paramLabel = "NAME",
            description = "a degraded policy of the chain (md-UUID, lvm-VG): "
                    + "its state file holds the budget while it is within its timeout (repeatable)")
    List<String> policies = new ArrayList<>();

    @Mixin
    PromptDir askDir;

    @Mixin
    PolicyDir policyDir;

    @Option(names = "--proc", paramLabel = "DIR", hidden = true, defaultValue = "/proc", description = "/proc (tests)")
    Path proc;

    @Override
    public Integer call() throws Exception {
        Long b = TimeSpan.parseSec(budget);
        if (b == null)
            throw new ParameterException(spec.commandLine(), "--budget: \"" + budget + "\" is not a time span");
        List<RootWait.Link> chain = new ArrayList<>();
        for (String l : links) {
            int eq = l.indexOf('=');
            if (eq <= 0)
                throw new ParameterException(spec.commandLine(), "--link: expected PATH=WHAT, got \"" + l + "\"");
            chain.add(new RootWait.Link(Path.of(l.substring(0, eq)), l.substring(eq + 1)));
        }
        for (String p : policies) {
            if (!p.matches("[A-Za-z0-9+_.:-]+") || p.startsWith(".")) {
                throw new ParameterException(
                        spec.commandLine(), "--policy: expected a name such as md-UUID or lvm-VG, got \"" + p + "\"");
            }
        }
        long nanos = b == TimeSpan.INFINITY || b > Long.MAX_VALUE / 1000 ? Budget.UNLIMITED : b * 1000L;
        boolean ok = new RootWait(
                        device,
                        chain,
                        askDir.path,
                        new Policies(policyDir.path, policies, proc),
                        nanos,
                        System::nanoTime,
                        System.out)
                .withUsr(usr)
                .withUpper(upper)
                .releasing(new JobRelease(new Systemctl(), System.out))
                .await();
        if (ok) markFound();
        // checks that ended while the passphrase was asked: their result, now that the prompt is closed
        FsckSummaries.print(FsckSummaries.DIR, System.out);
        System.out.flush();
        return ok ? 0 : 1;
    }

    /** Tells a later generator run (daemon-reload) that the root wait is over (RootWaitSettings.FOUND_MARKER). */
    private static void markFound() {
        Path marker = Path.of(RootWaitSettings.FOUND_MARKER);
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "");
        } catch (IOException e) {
            System.out.println("stagehand: cannot write " + marker + " (" + e.getMessage()
                    + "); a daemon-reload in the initrd " + "gives the chain's devices no job timeout again");
        }
    }

    /** systemctl show and cancel (Programs.find). */
    static final class Systemctl implements JobRelease.Systemd {
        @Override
        public String show(String unit) throws IOException, InterruptedException {
            ToolOutput o = Programs.run(
                    "systemctl",
                    List.of(
                            "show",
                            "--property=Job",
                            "--property=JobTimeoutUSec",
                            "--property=JobRunningTimeoutUSec",
                            "--property=DropInPaths",
                            "--",
                            unit),
                    false,
                    Map.of());
            if (o.status() != 0) throw new IOException("systemctl show exit status " + o.status());
            return o.out();
        }

        @Override
        public int cancel(long job) throws IOException, InterruptedException {
            return Programs.run("systemctl", List.of("cancel", Long.toString(job)), false, Map.of())
                    .status();
        }
    }
}
