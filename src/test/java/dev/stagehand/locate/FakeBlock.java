package dev.stagehand.locate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper: a fake root with the kernel's view of block devices, as other boot-time tests
 * use STAGEHAND_ROOT: /sys/devices/virtual/block/DISK[/PART] with uevent, size, start and
 * queue/logical_block_size, /sys/class/block/NAME links to them, and /dev/NAME (the disk's node
 * holds the image; a partition's node is an empty file).
 */
final class FakeBlock {
    final Path root;

    FakeBlock(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root.resolve("sys/class/block"));
        Files.createDirectories(root.resolve("dev"));
    }

    Path disk(String name, byte[] image, int logicalBlockSize) throws IOException {
        Path d = Files.createDirectories(root.resolve("sys/devices/virtual/block/" + name));
        Files.writeString(d.resolve("uevent"), "MAJOR=253\nMINOR=0\nDEVNAME=" + name + "\nDEVTYPE=disk\nDISKSEQ=1\n");
        Files.writeString(d.resolve("size"), image.length / 512 + "\n");
        Files.createDirectories(d.resolve("queue"));
        Files.writeString(d.resolve("queue/logical_block_size"), logicalBlockSize + "\n");
        Files.createSymbolicLink(
                root.resolve("sys/class/block/" + name), Path.of("../../devices/virtual/block/" + name));
        Files.write(root.resolve("dev/" + name), image);
        return d;
    }

    /** A partition as the kernel adds it: sysfs, then the node. partName null: no PARTNAME= line. */
    void partition(String disk, String name, int number, String partName, long start512) throws IOException {
        Path d = Files.createDirectories(root.resolve("sys/devices/virtual/block/" + disk + "/" + name));
        String pn = partName == null ? "" : "PARTNAME=" + partName + "\n";
        Files.write(
                d.resolve("uevent"),
                ("MAJOR=253\nMINOR=" + number + "\nDEVNAME=" + name + "\nDEVTYPE=partition\nPARTN=" + number + "\n"
                                + pn)
                        .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(d.resolve("start"), start512 + "\n");
        Files.createSymbolicLink(
                root.resolve("sys/class/block/" + name), Path.of("../../devices/virtual/block/" + disk + "/" + name));
        Files.write(root.resolve("dev/" + name), new byte[0]);
    }

    /** Every used entry of the image as a partition, with the kernel's PARTNAME (the low byte of each unit, efi.c). */
    void partitions(String disk, GptImage g, String prefix) throws IOException {
        for (GptImage.Part p : g.parts) {
            partition(
                    disk,
                    disk + prefix + p.number(),
                    p.number(),
                    kernelName(p.name()),
                    p.first() * (g.blockSize / 512));
        }
    }

    /** efi.c's utf16_le_to_7bit: the low byte of each unit, '!' for one that is not printable, up to a NUL. */
    static String kernelName(char[] units) {
        StringBuilder b = new StringBuilder();
        for (char u : units) {
            int c = u & 0xff;
            if (u == 0) break;
            if (c == 0) break;
            b.append(isprint(c) ? (char) c : '!');
        }
        return b.toString();
    }

    /** The kernel's isprint: printable ASCII and Latin-1 0xa0-0xff (its _ctype table). */
    private static boolean isprint(int c) {
        return (c >= 0x20 && c <= 0x7e) || c >= 0xa0;
    }
}
