package dev.stagehand.runtime.image;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * `stagehand image-check`: run by stagehand-image.service before the root image is mounted. It
 * looks at the file only as far as needed for one clear message: there (else the files of its
 * folder), an erofs or squashfs superblock, the type rootfstype= asked for, and at least as long
 * as its superblock says (a copy cut short). Whether the rest is sound is the kernel's to find
 * when it reads it. Then it makes the overlay's upper/ and work/ folders.
 */
public final class ImageCheck {
    /** erofs: EROFS_SUPER_MAGIC_V1 at byte 1024, little-endian (erofs_fs.h). */
    static final int EROFS_MAGIC = 0xE0F5E1E2, EROFS_OFFSET = 1024;
    /** squashfs: SQUASHFS_MAGIC ("hsqs") at byte 0 (squashfs_fs.h). */
    static final int SQUASHFS_MAGIC = 0x73717368;
    /** How many names of the folder a missing image's message lists. */
    static final int LISTED = 20;

    static final String PREFIX = "stagehand: ";

    private final PrintStream out;

    public ImageCheck(PrintStream out) {
        this.out = out;
    }

    /** 0 if the image can be mounted as far as can be told, else 1 after a message. */
    public int run(Path image, String type, Path overlay) {
        return run(image, type, overlay, null, null);
    }

    /**
     * As {@link #run(Path, String, Path)}, and with roothash=: the hash tree file is there and
     * stands for that root hash.
     */
    public int run(Path image, String type, Path overlay, Path hashFile, String rootHash) {
        String problem;
        String retry = "root=image:DEVICE:/PATH";
        try {
            problem = problem(image, type);
            if (problem == null && hashFile != null) {
                problem = verityProblem(image, hashFile, rootHash);
                if (problem != null) retry = "roothash=HASH";
            }
            if (problem == null && overlay != null) {
                for (String d : new String[] {"upper", "work"}) {
                    Path p = overlay.resolve(d);
                    if (!Files.isDirectory(p)) {
                        Files.createDirectories(
                                p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                    }
                }
            }
        } catch (IOException e) {
            problem = "cannot read " + image + " or prepare " + overlay + ": " + e.getMessage();
        }
        if (problem == null) {
            out.println(PREFIX + "root image " + image + " found");
            return 0;
        }
        for (String line : problem.split("\n")) out.println(PREFIX + line);
        out.println(PREFIX + "going to emergency mode. Fix it there, then `stagehand retry --set " + retry + "` "
                + "(or `systemctl default`).");
        return 1;
    }

    /** Why the image cannot be the root, or null. */
    String problem(Path image, String type) throws IOException {
        if (!Files.exists(image, LinkOption.NOFOLLOW_LINKS) && !Files.exists(image)) return missing(image);
        if (!Files.isRegularFile(image)) return "the root image " + image + " is not a file";
        long size = Files.size(image);
        ByteBuffer head = ByteBuffer.allocate(EROFS_OFFSET + 64).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            while (head.hasRemaining() && ch.read(head) > 0) {
                /* read what there is */
            }
        }
        int got = head.position();
        String found;
        long needed;
        if (got >= 48 && head.getInt(0) == SQUASHFS_MAGIC) {
            found = "squashfs";
            needed = head.getLong(40); // bytes_used
        } else if (got >= EROFS_OFFSET + 16 && head.getInt(EROFS_OFFSET) == EROFS_MAGIC) {
            found = "erofs";
            int blkszbits = head.get(EROFS_OFFSET + 12) & 0xff;
            long blocks = head.getInt(EROFS_OFFSET + 36) & 0xffffffffL;
            needed = blkszbits < 32 ? blocks << blkszbits : Long.MAX_VALUE;
        } else {
            return "the root image " + image + " (" + size
                    + " bytes) is neither erofs nor squashfs: no superblock found"
                    + " (a wrong file, or a damaged one)";
        }
        if (type != null && !type.equals(found)) {
            return "the root image " + image + " is " + found + ", but rootfstype=" + type + " asks for " + type
                    + " (write rootfstype=" + found + ", or leave it out)";
        }
        if (size < needed) {
            return "the root image " + image + " is cut short: its " + found + " superblock says " + needed
                    + " bytes, the file has " + size + " (copy it again)";
        }
        return null;
    }

    /** Why the hash tree file cannot verify the image against roothash=, or null. */
    static String verityProblem(Path image, Path hashFile, String rootHash) throws IOException {
        String tree = "the root image's hash tree " + hashFile;
        if (!Files.exists(hashFile))
            return missing(hashFile, tree)
                    + "\n(roothash= is given: make it with `veritysetup format IMAGE IMAGE.verity`,"
                    + " or name it with systemd.verity_root_hash=/PATH)";
        String actual;
        try {
            actual = VerityHashTree.rootHash(image, hashFile);
        } catch (IOException e) {
            return tree + " cannot be used: " + e.getMessage();
        }
        if (actual == null || actual.equalsIgnoreCase(rootHash)) return null; // null: not sha256, the kernel's to check
        return "the root image " + image + " does not match roothash=" + rootHash + ": its hash tree " + hashFile
                + " has the root hash " + actual + " (a wrong roothash=, or a hash tree made for another image)";
    }

    /** The message for a missing image: what is in its folder (or which folder is missing). */
    static String missing(Path image) throws IOException {
        return missing(image, "the root image " + image);
    }

    /** The message for a missing file: what is in its folder (or which folder is missing). */
    static String missing(Path image, String what) throws IOException {
        Path dir = image.getParent();
        StringBuilder m = new StringBuilder(what + " is not there");
        while (dir != null && !Files.isDirectory(dir)) dir = dir.getParent();
        if (dir == null) return m.toString();
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : ""))
                    .sorted()
                    .forEach(names::add);
        }
        if (!dir.equals(image.getParent())) m.append("; neither is its folder ").append(image.getParent());
        m.append("\n").append(dir).append(names.isEmpty() ? " is empty" : " holds:");
        for (int i = 0; i < Math.min(LISTED, names.size()); i++)
            m.append("\n  ").append(names.get(i));
        if (names.size() > LISTED)
            m.append("\n  ... and ").append(names.size() - LISTED).append(" more");
        return m.toString();
    }
}
