package dev.stagehand.plan;

/** A symlink, e.g. initrd-root-fs.target.requires/sysroot.mount -> ../sysroot.mount. */
public record Link(String path, String target) implements Entry {}
