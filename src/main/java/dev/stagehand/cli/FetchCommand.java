package dev.stagehand.cli;

import dev.stagehand.fetch.Fetch;
import dev.stagehand.netroot.LayerSpecs;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.wait.Budget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** stagehand fetch: run by stagehand-fetch.service, which the generator writes for root=http(s)://…. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Download the layers of a root file system and extract them, in order, into the tmpfs on /sysroot: curl piped "
                    + "into GNU tar (xattrs and file capabilities kept), the checksum computed on the way, no copy kept. "
                    + "Failures that may pass are tried again after a jittered pause, then on the next mirror, within the budget "
                    + "(passphrase prompts not counted).",
            "Exit 0 when every layer is in, 1 otherwise (after saying which layer, which URL and why)."
        })
public final class FetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--layer",
            paramLabel = "URL[|URL...][#sha256=HEX]",
            required = true,
            description =
                    "a layer with its mirrors, as root= writes it (repeatable, extracted in order); %%hostname, %%fqdn, %%%% expanded")
    List<String> layers = new ArrayList<>();

    @Option(
            names = "--where",
            paramLabel = "DIR",
            defaultValue = "/sysroot",
            description = "the tmpfs to extract into (default ${DEFAULT-VALUE})")
    Path where;

    @Option(
            names = "--budget",
            paramLabel = "SPAN",
            defaultValue = "5min",
            description = "time span, \"infinity\" for none (default ${DEFAULT-VALUE})")
    String budget;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            description = "the tmpfs size (rootsize=): the tmpfs is remounted with it"
                    + " first, so that `stagehand retry --set rootsize=SIZE` takes effect on the tmpfs already mounted")
    String size;

    @Mixin
    PromptDir askDir;

    @Option(names = "--proc", paramLabel = "DIR", hidden = true, defaultValue = "/proc", description = "/proc (tests)")
    Path proc;

    @Option(
            names = "--resolv-conf",
            paramLabel = "FILE",
            hidden = true,
            defaultValue = "/etc/resolv.conf",
            description = "resolv.conf (tests)")
    Path resolvConf;

    @Option(
            names = "--leases",
            paramLabel = "DIR",
            hidden = true,
            defaultValue = "/run/systemd/netif/leases",
            description = "systemd-networkd's DHCP leases (tests)")
    Path leases;

    @Override
    public Integer call() throws Exception {
        Long b = TimeSpan.parseSec(budget);
        if (b == null)
            throw new ParameterException(spec.commandLine(), "--budget: \"" + budget + "\" is not a time span");
        List<LayerSpecs.Layer> parsed = new ArrayList<>();
        for (String l : layers) {
            LayerSpecs.Parsed p = LayerSpecs.parse(l);
            if (p.refusal() != null || p.layers().size() != 1) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--layer: " + (p.refusal() != null ? p.refusal() : "one layer per --layer"));
            }
            parsed.add(p.layers().get(0));
        }
        if (size != null && !size.matches("[0-9]+[kKmMgG%]?")) {
            throw new ParameterException(spec.commandLine(), "--size: \"" + size + "\" is not a tmpfs size");
        }
        long nanos = b == TimeSpan.INFINITY || b > Long.MAX_VALUE / 1000 ? Budget.UNLIMITED : b * 1000L;
        Fetch.Places places = new Fetch.Places(
                Programs.find("curl"),
                Programs.find("tar"),
                Programs.find("mount"),
                where,
                askDir.path,
                proc,
                resolvConf,
                leases);
        boolean ok = new Fetch(
                        places,
                        Fetch.Timing.DEFAULT,
                        System.out,
                        new Random(System.nanoTime() ^ ProcessHandle.current().pid()))
                .run(parsed, size, nanos);
        System.out.flush();
        return ok ? 0 : 1;
    }
}
