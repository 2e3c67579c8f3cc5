package dev.stagehand.cli;

import dev.stagehand.input.Environment;
import dev.stagehand.input.ProcessEnvironment;
import dev.stagehand.locate.Locate;
import dev.stagehand.locate.Locator;
import dev.stagehand.locate.PartitionSpec;
import dev.stagehand.locate.SysBlock;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.wait.Budget;
import dev.stagehand.wait.ToolOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** stagehand locate SPEC: the node of a GPT partition, from sysfs and the GPT, without udev. */
@Command(
        name = "locate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Print the node (/dev/vda7) of the GPT partition SPEC names: PARTLABEL=NAME, PARTUUID=GUID, "
                    + "/dev/disk/by-partlabel/NAME or /dev/disk/by-partuuid/GUID. It reads the kernel's uevents in sysfs "
                    + "and the disks' GPTs itself, and looks again as the kernel adds devices, without waiting for udev.",
            "With several SPECs, each is looked for in turn (--hint applies to the first) and each node printed on its own line.",
            "Exit 0 when exactly one partition matches, 1 when none did within the timeout or when more than one "
                    + "does (it names them, and chooses none)."
        })
public final class LocateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "SPEC",
            arity = "1..*",
            description =
                    "PARTLABEL=NAME, PARTUUID=GUID, /dev/disk/by-partlabel/NAME, "
                            + "/dev/disk/by-partuuid/GUID; several are looked for one after the other, each node on a line of its own")
    List<String> whats;

    @Option(
            names = "--timeout",
            paramLabel = "SPAN",
            defaultValue = "90s",
            description =
                    "how long to wait for it: a time span, 0 for one look, \"infinity\" (default ${DEFAULT-VALUE})")
    String timeout;

    @Option(
            names = "--trigger",
            description =
                    "when found, ask udev for that partition at once "
                            + "(udevadm trigger --action=add /sys/class/block/NAME): its /dev/disk/by-* links come before udev's queue reaches it")
    boolean trigger;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            hidden = true,
            description = "read sysfs and /dev below DIR (as $STAGEHAND_ROOT; tests)")
    Path root;

    @Option(
            names = "--hint",
            paramLabel = "DISK",
            description = "a disk (/dev/nvme0n1) looked at first; "
                    + "with --trigger, udev is asked for a partition found there before the other disks are read (they still are: "
                    + "a second partition with the name is still refused)")
    String hint;

    @Option(names = "--missing-ok", description = "exit 0 when none is found (more than one is still an error)")
    boolean missingOk;

    @Override
    public Integer call() throws Exception {
        Long t = TimeSpan.parseSec(timeout);
        if (t == null)
            throw new ParameterException(spec.commandLine(), "--timeout: \"" + timeout + "\" is not a time span");
        List<PartitionSpec> specs = new ArrayList<>();
        for (String what : whats) {
            try {
                specs.add(PartitionSpec.parse(what));
            } catch (PartitionSpec.BadSpecException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        long nanos = t == TimeSpan.INFINITY || t > Long.MAX_VALUE / 1000 ? Budget.UNLIMITED : t * 1000L;
        Map<String, String> vars = new HashMap<>(ProcessEnvironment.read());
        if (root != null) vars.put("STAGEHAND_ROOT", root.toString());
        Environment env = new Environment(vars);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SysBlock sys = new SysBlock(env.root());
        Path dev = env.root().host("/dev");
        String hintDisk = hint == null ? null : Locate.hintDisk(hint);
        if (hint != null && hintDisk == null) {
            throw new ParameterException(
                    spec.commandLine(), "--hint: expected a disk such as /dev/nvme0n1, got \"" + hint + "\"");
        }
        int status = 0;
        Locator first = new Locator(sys, specs.get(0));
        for (PartitionSpec p : specs) {
            // one set of uevents and GPTs read for all of them; the hint names the first one's
            // disk (the root's, in stagehand-locate.service)
            boolean isFirst = p == specs.get(0);
            int one = locate(isFirst ? first : first.forSpec(p), isFirst ? hintDisk : null, dev, nanos, env, out, err);
            status = Math.max(status, one);
        }
        return status;
    }

    /** One SPEC: 0 found (or none and --missing-ok), 1 not found or more than one. */
    private int locate(
            Locator locator, String hintDisk, Path dev, long nanos, Environment env, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        PartitionSpec p = locator.spec();
        String triggered = null;
        if (hintDisk != null) {
            Locator.Look h = locator.lookOn(hintDisk);
            err.println(Locate.describeHint(p, hintDisk, h));
            err.flush();
            if (h.matches().size() == 1) {
                triggered = h.matches().get(0).node();
                if (trigger && env.root().isSystem()) trigger(triggered, err);
            }
        }
        Locate.Result r = new Locate(locator, dev, System::nanoTime, line -> {
                    err.println(line);
                    err.flush();
                })
                .await(nanos);
        err.println(Locate.describe(p, r));
        err.flush();
        if (r instanceof Locate.Found f) {
            out.println(f.match().node());
            out.flush();
            if (trigger && env.root().isSystem() && !f.match().node().equals(triggered))
                trigger(f.match().node(), err);
            return 0;
        }
        return r instanceof Locate.NotFound && missingOk ? 0 : 1;
    }

    /** udev's event for this one partition, ahead of the ones coldplug is about to queue (docs/locate.md). */
    private static void trigger(String node, PrintWriter err) {
        String sys = "/sys/class/block/" + node.substring("/dev/".length());
        try {
            ToolOutput o = Programs.run("udevadm", List.of("trigger", "--action=add", sys), false, Map.of());
            if (o.status() != 0)
                err.println("stagehand: udevadm trigger " + sys + " exited with " + o.status()
                        + "; udev's coldplug still gets to it");
        } catch (Exception e) {
            err.println("stagehand: cannot run udevadm trigger " + sys + " (" + e.getMessage()
                    + "); udev's coldplug still gets to it");
        }
    }
}
