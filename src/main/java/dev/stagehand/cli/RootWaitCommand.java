package dev.stagehand.cli;

import dev.stagehand.rootwait.Budget;
import dev.stagehand.rootwait.RootWait;
import dev.stagehand.systemd.TimeSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** stagehand rootwait: run by stagehand-rootwait.service, which the generator writes. */
@Command(name = "rootwait",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Wait for the root device; the budget does not count time during which a passphrase is asked for.",
            "Exit 0 when the device is there, 1 when the budget ran out (after saying which link is missing)."
        })
public final class RootWaitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--device", paramLabel = "PATH", required = true, description = "the root device path")
    Path device;

    @Option(names = "--budget", paramLabel = "SPAN", defaultValue = "90s", description = "time span, \"infinity\" for none (default ${DEFAULT-VALUE})")
    String budget;

    @Option(names = "--link", paramLabel = "PATH=WHAT", description = "a device the root depends on, for the message (repeatable)")
    List<String> links = new ArrayList<>();

    @Option(names = "--ask-dir", paramLabel = "DIR", defaultValue = "/run/systemd/ask-password", description = "where passphrase prompts appear")
    Path askDir;

    @Override
    public Integer call() throws Exception {
        Long b = TimeSpan.parseSec(budget);
        if (b == null) throw new ParameterException(spec.commandLine(), "--budget: \"" + budget + "\" is not a time span");
        List<RootWait.Link> chain = new ArrayList<>();
        for (String l : links) {
            int eq = l.indexOf('=');
            if (eq <= 0) throw new ParameterException(spec.commandLine(), "--link: expected PATH=WHAT, got \"" + l + "\"");
            chain.add(new RootWait.Link(Path.of(l.substring(0, eq)), l.substring(eq + 1)));
        }
        long nanos = b == TimeSpan.INFINITY || b > Long.MAX_VALUE / 1000 ? Budget.UNLIMITED : b * 1000L;
        boolean ok = new RootWait(device, chain, askDir, nanos, System::nanoTime, System.out).await();
        System.out.flush();
        return ok ? 0 : 1;
    }
}
