package dev.stagehand.check;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.graph.MountPoint;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.graph.StorageNode;
import dev.stagehand.graph.SwapArea;
import dev.stagehand.input.Root;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Encrypted volumes that cannot come up as written: a key file or detached header that is not
 * in the root being checked, and a device unlocked under another name than the one a mount
 * waits for.
 */
final class CryptChecks {
    private final Log log;

    CryptChecks(Log log) {
        this.log = log;
    }

    /**
     * Key files and header files below the root. Only for check: when the generator runs, a
     * key may be on a device that is not mounted yet. A file on a key or header device
     * (path:DEVICE), a device node and what appears only at boot (/run) are not looked for.
     * Warnings, not errors: a volume unlocked after the switch to the real root reads its key
     * there, and the root being checked may be the initrd's.
     */
    void files(StorageGraph graph, Root root) {
        Set<String> said = new HashSet<>();
        for (StorageNode n : graph.nodes()) {
            if (!(n instanceof CryptVolume v)) continue;
            String k = v.keyFile();
            if (k != null
                    && !k.equals("-")
                    && !k.equals("none")
                    && v.keyDev() == null
                    && lookedFor(k)
                    && !root.exists(k)
                    && said.add(v.origin() + "\0" + k)) {
                log.warning(
                        v.origin(),
                        "key file " + k + " of " + v.name() + " does not exist in the root being checked; "
                                + "systemd-cryptsetup cannot read it and asks for the passphrase instead",
                        "correct the path, or write none in the key column to be asked for the passphrase");
            }
            String h = FstabOptions.value(v.options(), "header");
            if (h != null
                    && !h.isEmpty()
                    && v.headerDev() == null
                    && lookedFor(h)
                    && !root.exists(h)
                    && said.add(v.origin() + "\0" + h)) {
                log.warning(
                        v.origin(),
                        "header file " + h + " of " + v.name() + " does not exist in the root being checked; "
                                + "the volume cannot be unlocked without its header",
                        "correct the path, or put the header on a device: header=" + h + ":UUID=...");
            }
        }
    }

    /** An absolute file path that should be there before boot (relative ones are reported by the reader). */
    private static boolean lookedFor(String path) {
        return Paths.isAbsolute(path)
                && !Paths.isDevicePath(path)
                && Paths.startsWith(path, "/run") == null
                && Paths.startsWith(path, "/proc") == null
                && Paths.startsWith(path, "/sys") == null;
    }

    /**
     * One LUKS device, two names: a volume named on the command line (rd.luks.name=UUID=NAME, or
     * luks-UUID from rd.luks.uuid=) that crypttab lines also name is unlocked under the crypttab
     * line's name (systemd uses the command line only if the line fails), and rd.luks.name=
     * replaces the luks-UUID name. A mount of /dev/mapper/ the other name waits for a device
     * that never appears.
     */
    void names(StorageGraph graph) {
        List<CryptVolume> volumes = new ArrayList<>();
        Set<String> unlockedAs = new HashSet<>();
        for (StorageNode n : graph.nodes()) {
            if (n instanceof CryptVolume v) {
                volumes.add(v);
                if (v.fallbackFor().isEmpty()) unlockedAs.add(v.name());
            }
        }
        Set<String> said = new HashSet<>();
        for (CryptVolume v : volumes) { // first the names crypttab overrules: the more precise message
            if (v.fallbackFor().isEmpty()) continue;
            CryptVolume line = planned(volumes, v.fallbackFor().get(0));
            if (line != null && !unlockedAs.contains(v.name())) {
                unreachable(
                        graph,
                        v.name(),
                        "LUKS device " + v.device() + " is named " + v.name() + " by " + v.origin() + " and "
                                + line.name() + " by " + line.origin()
                                + ", and the crypttab line wins (the command line counts only when that "
                                + "line fails)",
                        line.name(),
                        "or give the volume one name in both places",
                        said);
            }
        }
        for (CryptVolume v : volumes) {
            if (!v.fallbackFor().isEmpty()) continue;
            String uuid = v.device().startsWith("UUID=") ? v.device().substring(5) : null;
            if (uuid != null && !unlockedAs.contains("luks-" + uuid)) {
                unreachable(
                        graph,
                        "luks-" + uuid,
                        "luks-" + uuid + " is LUKS device " + v.device() + "'s name only when nothing "
                                + "names it, and " + v.origin() + " names it " + v.name(),
                        v.name(),
                        "or name it luks-" + uuid + " at " + v.origin(),
                        said);
            }
        }
    }

    /** The planned volume (not a command line fallback) of the line at {@code o}, or null. */
    private static CryptVolume planned(List<CryptVolume> volumes, Origin o) {
        for (CryptVolume v : volumes)
            if (v.origin().equals(o) && v.fallbackFor().isEmpty()) return v;
        return null;
    }

    /** Reports every mount and swap of /dev/mapper/{@code name}, a device that never appears: it is unlocked as {@code realName}. */
    private void unreachable(
            StorageGraph graph, String name, String why, String realName, String otherFix, Set<String> said) {
        String path = "/dev/mapper/" + name;
        for (StorageNode n : graph.nodes()) {
            String what = n instanceof MountPoint m ? m.what() : n instanceof SwapArea s ? s.what() : null;
            Origin o = n instanceof MountPoint m ? m.origin() : n instanceof SwapArea s ? s.origin() : null;
            if (what == null || !Paths.equal(what, path) || !said.add(o + "\0" + path)) continue;
            String where = n instanceof MountPoint m ? m.where() : "swap " + what;
            log.error(
                    o,
                    where + " waits for " + path + ", which never appears: " + why + "; it is unlocked as /dev/mapper/"
                            + realName,
                    "write /dev/mapper/" + realName + " here, " + otherFix);
        }
    }
}
