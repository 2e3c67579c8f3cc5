package dev.stagehand.graph;

import dev.stagehand.log.Origin;

/**
 * A plain "target needs unit" edge that is not itself a mount, e.g. initrd-usr-fs.target
 * requiring sysroot.mount when /usr is on the root file system, or a volatile root.
 *
 * @param unit a unit name, or an absolute path of a unit shipped by systemd
 */
public record TargetRequirement(Origin origin, String target, String kind, String unit) implements StorageNode {}
