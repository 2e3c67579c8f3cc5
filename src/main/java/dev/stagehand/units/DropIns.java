package dev.stagehand.units;

import dev.stagehand.systemd.Strings;

/** Drop-in file names: UNIT.d/LEVEL-NAME.conf, as systemd's drop_in_file(). */
public final class DropIns {
    private DropIns() {}

    public static String path(String unit, int level, String name) {
        return unit + ".d/" + Strings.twoDigits(level) + "-" + name + ".conf";
    }
}
