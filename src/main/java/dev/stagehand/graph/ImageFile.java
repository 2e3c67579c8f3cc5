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
 */
public record ImageFile(Origin origin, String path, String fstype, String overlayDir, String mountedOn)
        implements StorageNode {}
