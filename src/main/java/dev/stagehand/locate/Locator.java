package dev.stagehand.locate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One look at the block devices for the partitions a spec names. Each device's uevent and each
 * disk's GPT is read once per Locator (a disk's table does not change while the kernel adds its
 * partitions), so looking again after every new device costs only the new ones.
 *
 * How a partition is matched, cheapest first:
 * - PARTLABEL= of printable ASCII: the kernel's PARTNAME= must equal it (it is exact for such
 *   names), and the disk's GPT entry then decides (PARTNAME= is only the low byte of each UTF-16
 *   unit, so "sy\u0173tem" reads as "system"); when the GPT cannot be read, PARTNAME= alone does.
 * - any other PARTLABEL=, and PARTUUID= (not in any uevent): the disk's GPT entry of PARTN=.
 * The entry must start where the kernel's partition starts: a table rewritten since the kernel
 * read it names nothing.
 */
public final class Locator {
    /** A partition that matches: its node, its disk's node, and how it was found. */
    public record Match(String node, String disk, int number, String how) {}

    /** What one look saw; notes are said once per Locator (a damaged GPT, a table the kernel no longer has). */
    public record Look(List<Match> matches, int disks, int partitions, List<String> notes) {}

    private final SysBlock sys;
    private final PartitionSpec spec;
    private final Map<String, SysBlock.Device> devices;
    private final Map<String, Object> tables; // disk -> Gpt or DamagedException
    private final Set<String> said;

    public Locator(SysBlock sys, PartitionSpec spec) {
        this(sys, spec, new HashMap<>(), new HashMap<>(), new LinkedHashSet<>());
    }

    private Locator(
            SysBlock sys,
            PartitionSpec spec,
            Map<String, SysBlock.Device> devices,
            Map<String, Object> tables,
            Set<String> said) {
        this.sys = sys;
        this.spec = spec;
        this.devices = devices;
        this.tables = tables;
        this.said = said;
    }

    /**
     * A Locator for another spec that shares what this one has read (uevents, GPTs, the notes
     * said): `stagehand locate A B C` reads each device and each disk's table once, not once per
     * spec.
     */
    public Locator forSpec(PartitionSpec other) {
        return new Locator(sys, other, devices, tables, said);
    }

    public PartitionSpec spec() {
        return spec;
    }

    /** One look at every block device. */
    public Look look() {
        return lookAt(sys.names());
    }

    /**
     * One look at the partitions of one disk only (rd.stagehand.root.hint=): where the root is
     * said to be, without reading the uevents of every other disk's partitions first.
     * @param disk a kernel name such as "nvme0n1"
     */
    public Look lookOn(String disk) {
        return lookAt(sys.partitionsOf(disk));
    }

    private Look lookAt(List<String> names) {
        List<Match> matches = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int disks = 0, partitions = 0;
        for (String name : names) {
            SysBlock.Device d = devices.computeIfAbsent(name, sys::device);
            if (d == null) {
                devices.remove(name); // not readable yet, or gone: look again next time
                continue;
            }
            if (d.uevent().isDisk()) disks++;
            if (!d.uevent().isPartition()) continue;
            partitions++;
            Match m = match(d, notes);
            if (m != null) matches.add(m);
        }
        return new Look(List.copyOf(matches), disks, partitions, List.copyOf(notes));
    }

    private Match match(SysBlock.Device p, List<String> notes) {
        Uevent u = p.uevent();
        int n = u.partitionNumber();
        String node = u.devName();
        if (n == 0 || node == null || p.disk() == null) return null;
        Path host = sys.node(node);
        if (host == null || !Files.exists(host)) return null; // the node comes right after; the next look sees it
        String partName = u.partitionName();
        boolean byUevent =
                spec.kind() == PartitionSpec.Kind.PARTLABEL && spec.labelIsPrintableAscii() && partName != null;
        if (byUevent && !partName.equals(spec.value())) return null;
        SysBlock.Device disk = devices.computeIfAbsent(p.disk(), sys::device);
        String diskNode = disk == null || disk.uevent().devName() == null
                ? p.disk()
                : disk.uevent().devName();
        Object t = tables.computeIfAbsent(p.disk(), k -> read(k, diskNode));
        if (t == null) return null; // the disk's node is not there (yet, or any more): the next look tries again
        if (t instanceof GptReader.DamagedException e) {
            if (!e.noSignature() || partName != null)
                note(notes, "cannot read the GPT of /dev/" + diskNode + ": " + e.getMessage());
            return byUevent
                    ? new Match(
                            "/dev/" + node,
                            "/dev/" + diskNode,
                            n,
                            "by the kernel's PARTNAME= alone (the GPT is unreadable)")
                    : null;
        }
        Gpt gpt = (Gpt) t;
        GptEntry e = gpt.entry(n);
        if (e == null || !spec.matches(e)) return null;
        long sectors = gpt.blockSize() / 512;
        if (p.start() >= 0 && e.firstLba() * sectors != p.start()) {
            note(
                    notes,
                    "the GPT of /dev/" + diskNode + " changed since the kernel read it: entry " + n
                            + " starts at sector " + e.firstLba() * sectors + ", /dev/" + node + " at " + p.start()
                            + "; not using it (partprobe /dev/" + diskNode + ")");
            return null;
        }
        String how = (byUevent ? "by the kernel's PARTNAME=, checked in the GPT's " : "in the GPT's ") + gpt.source();
        return new Match("/dev/" + node, "/dev/" + diskNode, n, how);
    }

    private Object read(String disk, String devName) {
        try {
            return sys.gpt(disk, devName);
        } catch (GptReader.DamagedException e) {
            return e.unopened() ? null : e;
        }
    }

    private void note(List<String> notes, String text) {
        if (said.add(text)) notes.add(text);
    }
}
