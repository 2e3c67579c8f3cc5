package dev.stagehand.graph;

import dev.stagehand.log.Origin;

/**
 * A file system of the host's own fstab to check in the initrd ([Fsck] Early=): not mounted
 * there, only checked when its device appears, so that the check after switch-root finds it
 * clean.
 *
 * @param what  the device, as a udev path
 * @param where the host's mount point, for messages
 */
public record EarlyCheck(Origin origin, String what, String where, String fstype, String options)
        implements StorageNode {}
