package dev.stagehand.cli;

import dev.stagehand.lvm.LvmNames;
import dev.stagehand.runtime.lvm.LvmActivate;
import dev.stagehand.wait.PolicyAnnouncer;
import dev.stagehand.wait.PolicyState;
import dev.stagehand.wait.ToolOutput;
import java.io.IOException;
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

/** stagehand lvm-activate: run by stagehand-lvm-activate@.service, which the generator writes. */
@Command(
        name = "lvm-activate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Activate a volume group's LVs once all its physical volumes are present (--activationmode complete); "
                    + "with policy auto, when PVs are still missing after a timeout (counted from the first PV, "
                    + "not counting passphrase prompts), activate with --activationmode degraded.",
            "Exits once activated; after a degraded activation it stays until every PV is back, then refreshes the LVs "
                    + "(lvchange --refresh), which takes the returning RAID legs back in."
        })
public final class LvmActivateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vg", paramLabel = "VG", required = true, description = "the volume group")
    String vg;

    @Option(
            names = "--lv",
            paramLabel = "LV",
            description = "an LV of the group to activate (repeatable; default: all of them)")
    List<String> lvs = new ArrayList<>();

    @Option(
            names = "--policy",
            paramLabel = "POLICY",
            defaultValue = "auto",
            description = "auto (activate degraded after the timeout) or never (default ${DEFAULT-VALUE})")
    String policy;

    @Option(
            names = "--timeout",
            paramLabel = "SPAN",
            defaultValue = "30s",
            description = "how long to wait for missing PVs after the first (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--dev", paramLabel = "DIR", hidden = true, defaultValue = "/dev", description = "/dev (tests)")
    Path dev;

    @Mixin
    PromptDir askDir;

    @Mixin
    PolicyDir policyDir;

    @Override
    public Integer call() throws Exception {
        if (!LvmNames.valid(vg))
            throw new ParameterException(spec.commandLine(), "--vg: \"" + vg + "\" is not a volume group name");
        for (String lv : lvs) {
            if (!LvmNames.valid(lv))
                throw new ParameterException(spec.commandLine(), "--lv: \"" + lv + "\" is not a logical volume name");
        }
        if (!policy.equals("auto") && !policy.equals("never")) {
            throw new ParameterException(
                    spec.commandLine(), "--policy: expected auto or never, got \"" + policy + "\"");
        }
        long nanos = Programs.finiteNanos(spec, "--timeout", timeout);
        LvmActivate a =
                new LvmActivate(vg, lvs, policy, nanos, dev, askDir.path, new Tools(), System::nanoTime, System.out);
        if (policy.equals("auto")) {
            // policy never has no timeout: nothing for the root wait to hold its budget for
            a.announcing(new PolicyAnnouncer(
                    policyDir.path,
                    PolicyState.lvmName(vg),
                    a.timeoutName(),
                    nanos,
                    ProcessHandle.current().pid(),
                    System.out));
        }
        int rc = a.run();
        System.out.flush();
        return rc;
    }

    /** lvm (Programs.find); the activation's messages go to the journal and the console. */
    static final class Tools implements LvmActivate.Host {
        @Override
        public ToolOutput lvm(List<String> args) throws IOException, InterruptedException {
            // the queries repeat every few seconds while a PV is missing, each with lvm's
            // "Couldn't find device" warnings: not on the console
            return Programs.run("lvm", args, args.get(0).equals("vgs"), Map.of("LVM_SUPPRESS_FD_WARNINGS", "1"));
        }
    }
}
