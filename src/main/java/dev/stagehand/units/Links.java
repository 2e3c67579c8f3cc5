package dev.stagehand.units;

import dev.stagehand.plan.Link;
import dev.stagehand.systemd.UnitNames;

/** generator_add_symlink(): "DST.TYPE/NAME -> ../NAME" (or an absolute unit path). */
public final class Links {
    private Links() {}

    /**
     * A dependency link of {@code dst} (e.g. "requires") on {@code src}, a unit name or an
     * absolute path of a shipped unit; {@code instance} instantiates a template.
     */
    public static Link dependency(String dst, String depType, String src, String instance) {
        int slash = src.lastIndexOf('/');
        String dir = slash < 0 ? null : (slash == 0 ? "/" : src.substring(0, slash));
        String file = src.substring(slash + 1);
        String name = instance == null ? file : UnitNames.instantiate(file, instance);
        String target = (dir == null ? ".." : dir) + "/" + file;
        return new Link(dst + "." + depType + "/" + name, target);
    }

    public static Link dependency(String dst, String depType, String src) {
        return dependency(dst, depType, src, null);
    }
}
