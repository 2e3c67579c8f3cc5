package dev.stagehand.plan;

/** The three directories systemd hands a generator (systemd.generator(7)). */
public enum OutputDir {
    NORMAL,
    EARLY,
    LATE
}
