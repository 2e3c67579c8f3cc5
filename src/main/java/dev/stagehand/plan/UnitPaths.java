package dev.stagehand.plan;

import dev.stagehand.systemd.CEscape;
import dev.stagehand.systemd.Strings;
import dev.stagehand.systemd.UnitNames;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What may be written into a generator directory: "UNIT", "UNIT.d/NAME.conf" and
 * "UNIT.wants|requires|upholds/UNIT", all with valid unit names. Checked when an entry joins
 * the plan (so a bad one refuses its input line only) and again by the writer.
 */
public final class UnitPaths {
    private UnitPaths() {}

    /** Linux's NAME_MAX: the longest file name, in bytes. */
    static final int NAME_MAX = 255;

    /** Why {@code rel} cannot be written, or null. */
    public static String problem(String rel) {
        List<String> parts = Strings.split(rel, '/');
        for (String part : parts) {
            // A valid unit name may be 255 bytes; "NAME.requires" or "NAME.d" then is not a
            // file name the kernel accepts (NAME_MAX). systemd writes the unit and fails on
            // the link; we refuse the whole entry instead of failing the tree.
            // (a char is at most 3 bytes of UTF-8: short parts need no encoding to know)
            if (part.length() * 3 > NAME_MAX && part.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
                return "\"" + CEscape.escape(part) + "\" is longer than a file name may be (" + NAME_MAX + " bytes)";
            }
        }
        boolean ok;
        if (parts.size() == 1) {
            ok = UnitNames.isValid(parts.get(0));
        } else if (parts.size() == 2 && parts.get(0).endsWith(".d")) {
            String conf = parts.get(1);
            ok = UnitNames.isValid(parts.get(0).substring(0, parts.get(0).length() - 2))
                    && conf.endsWith(".conf")
                    && !conf.startsWith(".");
        } else if (parts.size() == 2) {
            String dir = parts.get(0);
            int dot = dir.lastIndexOf('.');
            String type = dot < 0 ? "" : dir.substring(dot + 1);
            ok = dot > 0
                    && (type.equals("wants") || type.equals("requires") || type.equals("upholds"))
                    && UnitNames.isValid(dir.substring(0, dot))
                    && UnitNames.isValid(parts.get(1));
        } else {
            ok = false;
        }
        return ok
                ? null
                : "\"" + CEscape.escape(rel) + "\" is not a unit file path (a unit name is at most 255 bytes of "
                        + "letters, digits and \":-_.\\@\", and ends in a unit type)";
    }
}
