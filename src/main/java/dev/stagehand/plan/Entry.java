package dev.stagehand.plan;

/** Something the generator writes into an output directory: a unit file or a symlink. */
public sealed interface Entry permits UnitFile, Link {
    /** The path relative to the output directory, e.g. "sysroot.mount". */
    String path();
}
