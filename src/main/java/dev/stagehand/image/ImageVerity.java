package dev.stagehand.image;

import dev.stagehand.graph.ImageFile;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.systemd.Paths;
import java.util.regex.Pattern;

/**
 * roothash= for an image root, read as systemd-veritysetup-generator reads it for a root device
 * (the same keys, rd. stripped, the last word wins), with the image in the data device's place:
 *
 * <pre>
 *   roothash=HEX                     the root hash (veritysetup format prints it)
 *   systemd.verity_root_hash=/PATH   the hash tree: a file on the image's partition (default: the image's PATH.verity,
 *                                    the sidecar name systemd's image dissection looks for)
 *   systemd.verity_root_options=...  systemd-veritysetup's options, passed on as they are
 *   systemd.verity_root_data=        ignored (the image is the data)
 *   systemd.verity=0                 no verity
 * </pre>
 *
 * The verity device is systemd's: /dev/mapper/root, attached by systemd-veritysetup (which sets
 * up the loop devices for the two files itself).
 */
final class ImageVerity {
    static final String NAME = "root";
    static final String DEVICE = "/dev/mapper/" + NAME;
    static final String SIDECAR = ".verity";
    /** sha1 (20 bytes) to sha512 (64): what dm-verity's hashes can be. */
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){16,64}");

    /** The verity to set up (null: none) or refused (a bad value: no root mount). */
    record Result(ImageFile.Verity verity, boolean refused) {
        static final Result NONE = new Result(null, false), REFUSED = new Result(null, true);
    }

    private final Log log;

    ImageVerity(Log log) {
        this.log = log;
    }

    /**
     * @param image    the image as the initrd sees it (SOURCE_DIR/PATH)
     * @param rootHash roothash=, or null
     * @param enabled  systemd.verity= (default yes)
     */
    Result read(KernelCommandLine cmdline, String image, String rootHash, boolean enabled) {
        String hashPath = null, options = null;
        Origin hashOrigin = null, optionsOrigin = null;
        boolean dataGiven = false;
        for (KernelCommandLine.Word w : cmdline.words(KernelCommandLine.STRIP_RD_PREFIX)) {
            if (w.value() == null) continue;
            switch (w.key()) {
                case "systemd.verity_root_hash" -> {
                    hashPath = w.value();
                    hashOrigin = Origin.cmdline(w.writtenKey() + "=");
                }
                case "systemd.verity_root_options" -> {
                    options = w.value();
                    optionsOrigin = Origin.cmdline(w.writtenKey() + "=");
                }
                case "systemd.verity_root_data" -> dataGiven = true;
                default -> {}
            }
        }
        Origin o = Origin.cmdline("roothash=");
        if (rootHash == null) {
            if (hashPath != null || options != null) {
                log.warning(
                        hashOrigin != null ? hashOrigin : optionsOrigin,
                        "no roothash=: the image root is mounted without verity (add roothash=, as veritysetup format prints it)");
            }
            return Result.NONE;
        }
        if (!enabled) {
            log.info(Origin.cmdline("systemd.verity="), "verity is off: the image root is mounted without roothash=");
            return Result.NONE;
        }
        if (!HEX.matcher(rootHash).matches()) {
            log.error(
                    o,
                    "expected the image's root hash in hexadecimal (32 to 128 digits, as veritysetup format prints"
                            + " it), got \"" + rootHash + "\"; no root mount");
            return Result.REFUSED;
        }
        if (dataGiven) {
            log.warning(
                    Origin.cmdline("systemd.verity_root_data="),
                    "with root=image: the image is the verity data; ignored");
        }
        String hashFile = image + SIDECAR;
        if (hashPath != null) {
            if (!hashPath.startsWith("/") || hashPath.endsWith("/") || !Paths.isSafe(hashPath)) {
                log.error(
                        hashOrigin,
                        "expected the hash tree's /PATH on the image's partition (without \"..\"), got \"" + hashPath
                                + "\"; no root mount");
                return Result.REFUSED;
            }
            hashFile = Paths.simplify(ImageRoots.SOURCE_DIR + hashPath);
        }
        if (options != null && UnitValues.problem(options) != null) {
            log.error(
                    optionsOrigin,
                    "the options \"" + options + "\" cannot be written to a unit file: " + UnitValues.problem(options)
                            + "; no root mount");
            return Result.REFUSED;
        }
        return new Result(
                new ImageFile.Verity(hashFile, rootHash.toLowerCase(java.util.Locale.ROOT), options, DEVICE), false);
    }
}
