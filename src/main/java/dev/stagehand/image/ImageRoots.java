package dev.stagehand.image;

import dev.stagehand.graph.ImageFile;
import dev.stagehand.graph.MountFlag;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.DeviceSpecs;
import dev.stagehand.systemd.Paths;
import dev.stagehand.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * root=image:DEVICE:/PATH → the storage graph: four mounts, each a plain mount unit that
 * systemd and mount(8) carry out, and the check of the image file between them.
 *
 * <pre>
 *   DEVICE            → /run/stagehand/image-source   read-only (IMAGE_SOURCE: the root's device)
 *   SOURCE/PATH       → /run/stagehand/image          ro,loop: mount(8) attaches a loop device, no copy
 *                                                     (with roothash=: /dev/mapper/root, from systemd-veritysetup)
 *   tmpfs or DEVICE   → /run/stagehand/overlay        the upper layer (upper/ and work/ inside)
 *   overlay           → /sysroot                      lowerdir=image, upperdir, workdir
 * </pre>
 *
 * With rd.stagehand.overlay=none the image itself is mounted on /sysroot, read-only.
 *
 * <p>Why under /run: at switch-root systemd moves /run (with every mount below it) into the new
 * root, as it moves /dev, /proc and /sys, and mount units are IgnoreOnIsolate=yes, so isolating
 * initrd-switch-root.target does not unmount them. The booted system finds the source partition
 * at /run/stagehand/image-source (to replace the image, say) and systemd shows it as a mount unit
 * from /proc/self/mountinfo; dracut's live boot keeps its /run/initramfs/live the same way.
 */
public final class ImageRoots {
    public static final String PREFIX = "image:";
    public static final String SOURCE_DIR = "/run/stagehand/image-source";
    public static final String IMAGE_DIR = "/run/stagehand/image";
    public static final String OVERLAY_DIR = "/run/stagehand/overlay";
    static final String SOURCE_PATH = "/proc/cmdline";
    static final String FORM = "image:DEVICE:/PATH (e.g. root=image:LABEL=images:/root.erofs)";

    private final Log log;

    public ImageRoots(Log log) {
        this.log = log;
    }

    /** DEVICE and /PATH of root=image:DEVICE:/PATH. */
    record Spec(String device, String path) {}

    public static boolean isImageRoot(String rootWhat) {
        return rootWhat != null && rootWhat.startsWith(PREFIX);
    }

    /**
     * Adds the image root's mounts and check to the graph, or reports why root= cannot be one
     * (and adds nothing: a root that cannot be mounted is better missing, so that the boot
     * goes to emergency mode with this message, than mounted from a guess).
     *
     * @param rootOptions rootflags=, for the mount on /sysroot, or null
     * @param rootHash    roothash=, or null
     * @param verityOn    systemd.verity= (default yes)
     */
    public void add(
            StorageGraph graph,
            KernelCommandLine cmdline,
            String rootWhat,
            String rootFstype,
            String rootOptions,
            String rootHash,
            boolean verityOn,
            ImageSettings settings) {
        Origin o = Origin.cmdline("root=");
        Spec spec = spec(o, rootWhat);
        if (spec == null) return;
        String fstype = fstype(rootFstype);
        String image = Paths.simplify(SOURCE_DIR + spec.path());
        ImageVerity.Result verity = new ImageVerity(log).read(cmdline, image, rootHash, verityOn);
        if (verity.refused()) return;
        ImageFile.Verity v = verity.verity();
        // with verity the image is mounted from systemd-veritysetup's device, which attached the loop device
        String imageWhat = v == null ? image : v.device();
        String imageOptions = v == null
                ? "ro,loop,x-systemd.requires=" + ImageUnits.SERVICE
                : "ro,x-systemd.requires=" + ImageUnits.SERVICE + ",x-systemd.requires=" + ImageUnits.verityService();
        ImageSettings.Overlay overlay = settings.overlay();
        boolean none = overlay.kind() == ImageSettings.Kind.NONE;
        String imageOn = none ? "/sysroot" : IMAGE_DIR;

        graph.add(new MountPoint(
                o,
                SOURCE_PATH,
                OutputDir.NORMAL,
                DeviceNodes.toUdevNode(spec.device()),
                SOURCE_DIR,
                null,
                null,
                "ro",
                0,
                Set.of(MountFlag.IMAGE_SOURCE),
                null,
                null));
        if (!none) graph.add(upper(overlay));
        graph.add(new ImageFile(o, image, fstype, none ? null : OVERLAY_DIR, imageOn, v));
        if (none) {
            graph.add(new MountPoint(
                    o,
                    SOURCE_PATH,
                    OutputDir.NORMAL,
                    imageWhat,
                    "/sysroot",
                    null,
                    fstype,
                    join(imageOptions, rootOptions),
                    0,
                    Set.of(MountFlag.IMAGE),
                    Units.INITRD_ROOT_FS_TARGET,
                    null));
            return;
        }
        graph.add(new MountPoint(
                o,
                SOURCE_PATH,
                OutputDir.NORMAL,
                imageWhat,
                IMAGE_DIR,
                null,
                fstype,
                imageOptions,
                0,
                Set.of(MountFlag.IMAGE),
                null,
                null));
        String layers = "lowerdir=" + IMAGE_DIR + ",upperdir=" + OVERLAY_DIR + "/upper,workdir=" + OVERLAY_DIR + "/work"
                + ",x-systemd.requires-mounts-for=" + IMAGE_DIR + ",x-systemd.requires-mounts-for=" + OVERLAY_DIR
                // the upper and work folders are made by the check
                + ",x-systemd.requires=" + ImageUnits.SERVICE;
        graph.add(new MountPoint(
                o,
                SOURCE_PATH,
                OutputDir.NORMAL,
                "overlay",
                "/sysroot",
                null,
                "overlay",
                join(layers, rootOptions),
                0,
                Set.of(),
                Units.INITRD_ROOT_FS_TARGET,
                null));
    }

    /** The upper layer's mount: a tmpfs, or the persistent file system. */
    private static MountPoint upper(ImageSettings.Overlay overlay) {
        Origin o = overlay.origin().isBuiltIn() ? Origin.cmdline("root=") : overlay.origin();
        if (overlay.kind() == ImageSettings.Kind.DEVICE) {
            return new MountPoint(
                    o,
                    SOURCE_PATH,
                    OutputDir.NORMAL,
                    DeviceNodes.toUdevNode(overlay.device()),
                    OVERLAY_DIR,
                    null,
                    null,
                    "rw",
                    0,
                    Set.of(MountFlag.IMAGE_UPPER),
                    null,
                    null);
        }
        return new MountPoint(
                o,
                SOURCE_PATH,
                OutputDir.NORMAL,
                "tmpfs",
                OVERLAY_DIR,
                null,
                "tmpfs",
                "mode=0755" + (overlay.size() != null ? ",size=" + overlay.size() : ""),
                0,
                Set.of(),
                null,
                null);
    }

    /** DEVICE and /PATH, or null after a message. */
    Spec spec(Origin o, String rootWhat) {
        String rest = rootWhat.substring(PREFIX.length());
        // the first ":/" ends DEVICE: no device form has it (a label that does: /dev/disk/by-label/...)
        int split = rest.indexOf(":/");
        if (split <= 0) {
            log.error(o, "expected " + FORM + ", got \"" + rootWhat + "\"; no root mount");
            return null;
        }
        String device = rest.substring(0, split), path = rest.substring(split + 1);
        if (!ImageSettings.isDevice(device)) {
            DeviceSpecs.Refusal r = DeviceSpecs.check(device, DeviceSpecs.Role.FILE_SYSTEM);
            log.error(
                    o,
                    r != null
                            ? "the image's partition: " + r.message(device) + "; no root mount"
                            : "the image's partition must be a device (UUID=, LABEL=, PARTUUID=, PARTLABEL=, /dev/...), got \""
                                    + device + "\"; no root mount");
            return null;
        }
        List<String> problems = new ArrayList<>();
        if (!Paths.isSafe(path)) problems.add("a path without \"..\"");
        if (path.endsWith("/")) problems.add("a file, not a folder");
        if (!problems.isEmpty()) {
            log.error(
                    o,
                    "the image's path must be " + String.join(" and ", problems) + " on its partition, got \"" + path
                            + "\"; no root mount");
            return null;
        }
        return new Spec(device, path);
    }

    /** rootfstype= for the image: erofs or squashfs; else mount(8) finds out. */
    private String fstype(String rootFstype) {
        if (rootFstype == null || rootFstype.equals("auto")) return null;
        if (rootFstype.equals("erofs") || rootFstype.equals("squashfs")) return rootFstype;
        log.warning(
                Origin.cmdline("rootfstype="),
                "an image root is erofs or squashfs, got \"" + rootFstype
                        + "\"; the type is detected when the image is mounted (leave rootfstype= out, or write erofs or squashfs)");
        return null;
    }

    private static String join(String a, String b) {
        return b == null || b.isEmpty() ? a : a + "," + b;
    }
}
