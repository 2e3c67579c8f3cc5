package dev.stagehand.locate;

import dev.stagehand.input.Root;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The block devices as sysfs shows them, below a root (/ at boot, a test's fake tree):
 * /sys/class/block/X links to the device's folder, whose parent is the disk's for a partition;
 * the disk's queue/logical_block_size and size (in 512-byte units), a partition's start (in
 * 512-byte units). Device nodes are /dev/DEVNAME. A device that goes away while read is simply
 * not there.
 */
public final class SysBlock {
    /** One entry of /sys/class/block. */
    public record Device(String name, Uevent uevent, String disk, long start) {}

    private final Root root;

    public SysBlock(Root root) {
        this.root = root;
    }

    public Root root() {
        return root;
    }

    /** The names in /sys/class/block, sorted; none when there is no such folder. */
    public List<String> names() {
        Path dir = root.host("/sys/class/block");
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /**
     * The partitions of one disk: the folders in its sysfs folder that /sys/class/block lists
     * too (sorted); none when the disk is not there.
     */
    public List<String> partitionsOf(String disk) {
        Path dir = root.host("/sys/class/block/" + disk);
        List<String> out = new ArrayList<>();
        if (dir == null) return out;
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                Path entry = root.host("/sys/class/block/" + n);
                if (Files.isDirectory(p) && entry != null && Files.exists(entry)) out.add(n);
            });
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** The device's uevent, its disk (for a partition) and start; null when it vanished or is unreadable. */
    public Device device(String name) {
        Path link = root.host("/sys/class/block/" + name);
        if (link == null) return null;
        try {
            Uevent u = Uevent.read(link.resolve("uevent"));
            String disk = null;
            long start = -1;
            if (u.isPartition()) {
                Path parent = link.toRealPath().getParent();
                disk = parent == null ? null : parent.getFileName().toString();
                start = number(link.resolve("start"));
            }
            return new Device(name, u, disk, start);
        } catch (IOException e) {
            return null;
        }
    }

    /** The disk's logical block size, or 512 when sysfs does not say (so did the kernel before queue/ existed). */
    public int logicalBlockSize(String disk) {
        Path p = root.host("/sys/class/block/" + disk + "/queue/logical_block_size");
        long n = p == null ? -1 : number(p);
        return n > 0 && n <= 65536 ? (int) n : 512;
    }

    /** The disk's size in bytes from sysfs (a block device's own size reads as 0), or -1. */
    public long sizeBytes(String disk) {
        Path p = root.host("/sys/class/block/" + disk + "/size");
        long sectors = p == null ? -1 : number(p);
        return sectors < 0 || sectors > Long.MAX_VALUE / 512 ? -1 : sectors * 512;
    }

    /** The host path of /dev/NAME, or null. */
    public Path node(String devName) {
        return devName == null || devName.contains("..") ? null : root.host("/dev/" + devName);
    }

    /** Reads the disk's GPT (the size from sysfs, else the node's own). */
    public Gpt gpt(String disk, String devName) throws GptReader.DamagedException {
        Path node = node(devName);
        if (node == null) throw new GptReader.DamagedException("no device node for " + disk).unopenedDisk();
        FileChannel ch;
        try {
            ch = FileChannel.open(node);
        } catch (NoSuchFileException e) {
            throw new GptReader.DamagedException("/dev/" + devName + " is not there").unopenedDisk();
        } catch (IOException e) {
            throw new GptReader.DamagedException("cannot open /dev/" + devName + ": " + e.getMessage()).unopenedDisk();
        }
        try (ch) {
            long size = sizeBytes(disk);
            if (size <= 0) size = ch.size();
            return GptReader.read(ch, logicalBlockSize(disk), size);
        } catch (IOException e) {
            throw new GptReader.DamagedException("cannot read /dev/" + devName + ": " + e.getMessage());
        }
    }

    /** A decimal number file (sysfs attribute), or -1. */
    static long number(Path p) {
        try {
            String s = Files.readString(p, StandardCharsets.ISO_8859_1).strip();
            return s.matches("[0-9]{1,18}") ? Long.parseLong(s) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
