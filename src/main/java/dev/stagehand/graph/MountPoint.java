package dev.stagehand.graph;

import dev.stagehand.log.Origin;
import dev.stagehand.plan.OutputDir;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file system that must be mounted: {@code what} (a device path, "tmpfs", a bind source)
 * on {@code where}, pulled in by {@code target}. These are the decisions; how systemd
 * spells them as units is the planner's business.
 *
 * @param sourcePath    the SourcePath= of the unit (the fstab file, or /proc/cmdline)
 * @param originalWhere the mount point as written, when symlinks changed it (else null)
 * @param passno        fsck pass; non-zero asks for a file system check
 * @param target        the unit that wants it (initrd-root-fs.target, ...), null for none
 * @param onlyAfter     a mount point whose mount must have been planned first, or null (the
 *                      /sysroot/usr bind mount exists only to complete the /sysusr/usr mount)
 */
public record MountPoint(
        Origin origin,
        String sourcePath,
        OutputDir dir,
        String what,
        String where,
        String originalWhere,
        String fstype,
        String options,
        int passno,
        Set<MountFlag> flags,
        String target,
        String onlyAfter)
        implements StorageNode {
    public MountPoint {
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public boolean has(MountFlag f) {
        return flags.contains(f);
    }
}
