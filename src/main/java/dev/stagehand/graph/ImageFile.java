package dev.stagehand.graph;

import dev.stagehand.log.Origin;

/**
 * The root image file (root=image:DEVICE:/PATH) as the boot checks it before it is mounted: that
 * it is there (else the files of its folder are listed), that it is an erofs or squashfs image of
 * the expected type and not cut short, and the overlay's upper and work folders.
 *
 * @param path        the image as the initrd sees it, below the source partition's mount
 * @param fstype      the type rootfstype= asks for (erofs, squashfs), or null to take what it is
 * @param overlayDir  the mount of the overlay's upper layer, which gets upper/ and work/, or null (no overlay)
 * @param mountedOn   where the image is mounted (its mount unit waits for the check)
 * @param verity      roothash= for the image, or null (mounted without verity)
 */
public record ImageFile(Origin origin, String path, String fstype, String overlayDir, String mountedOn, Verity verity)
        implements StorageNode {
    /**
     * The image's dm-verity setup, as systemd-veritysetup attaches it: the image is the data, its
     * hash tree a file on the same partition (systemd.verity_root_hash=, else PATH.verity).
     *
     * @param hashFile the hash tree as the initrd sees it, below the source partition's mount
     * @param rootHash roothash=, hexadecimal
     * @param options  systemd.verity_root_options=, or null
     * @param device   the verity device the image is mounted from (/dev/mapper/root)
     */
    public record Verity(String hashFile, String rootHash, String options, String device) {}
}
