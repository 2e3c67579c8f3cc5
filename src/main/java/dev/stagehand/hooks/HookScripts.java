package dev.stagehand.hooks;

import dev.stagehand.input.Root;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Latin1;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the legacy hook scripts of each point below the root and puts each point's scripts in
 * the order they run, as initramfs-tools and NixOS would. Nothing is run: see {@link Prereqs}.
 *
 * initramfs-tools, two layouts:
 * <ul>
 * <li>the initrd's own, /scripts/STAGE: with an ORDER file (what mkinitramfs writes) the
 *     scripts it lists, in its order; without one, ordered by PREREQ as below;</li>
 * <li>the host's, /usr/share/initramfs-tools/scripts/STAGE (packages) and
 *     /etc/initramfs-tools/scripts/STAGE (the administrator): the names of both, a script in
 *     /etc replacing the one of the same name in /usr/share (mkinitramfs copies /usr/share
 *     first and /etc over it; hook-functions' get_source prefers /etc), ordered by PREREQ.</li>
 * </ul>
 * When /scripts/STAGE exists it is what runs (initramfs-tools' init runs nothing else); host
 * scripts of that stage are then reported as not used.
 *
 * Ordering by PREREQ is hook-functions' cache_run_scripts: the names of the folder in sorted
 * order (its glob; C collation), each skipped unless it is a regular file, named with
 * letters, digits, ".", "_" and "-" only, and executable; then for each "NAME NAME" and
 * "PREREQ NAME" pairs into tsort ({@link Tsort}, exactly GNU tsort's order, loops broken as
 * it breaks them and reported), and tsort's output kept where it is one of those scripts.
 *
 * NixOS: /etc/stagehand/hooks/nixos/NAME for the six stage-1 command lists, written by the
 * NixOS module as executable shell scripts; a file with nothing but comments and blank lines
 * has no commands and gets no unit.
 */
public final class HookScripts {
    public static final String USR_SHARE = "/usr/share/initramfs-tools/scripts";
    public static final String ETC = "/etc/initramfs-tools/scripts";
    public static final String INITRD = "/scripts";
    public static final String NIXOS = "/etc/stagehand/hooks/nixos";

    /** A script is read for its PREREQ line; a bigger file is not a hook script we read. */
    static final long MAX_SCRIPT_BYTES = 4L << 20;

    private final Root root;
    private final Log log;

    public HookScripts(Root root, Log log) {
        this.root = root;
        this.log = log;
    }

    /** What initramfs-tools accepts as a script name (set_initlist, mkinitramfs' find -regex). */
    public static boolean isScriptName(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!ok) return false;
        }
        return true;
    }

    /** Every point that has scripts, with its scripts in running order. */
    public Map<HookPoint, List<HookScript>> discover() {
        Map<HookPoint, List<HookScript>> out = new EnumMap<>(HookPoint.class);
        for (HookPoint p : HookPoint.values()) {
            List<HookScript> s = p.family == HookPoint.Family.NIXOS ? nixos(p) : initramfsTools(p);
            if (!s.isEmpty()) out.put(p, s);
        }
        reportUnknownNixosFiles();
        return out;
    }

    /** The scripts of one initramfs-tools stage, in order. */
    public List<HookScript> initramfsTools(HookPoint p) {
        String initrdDir = INITRD + "/" + p.stage;
        if (isDirectory(initrdDir)) {
            for (String host : new String[] {USR_SHARE, ETC}) {
                if (!names(host + "/" + p.stage).isEmpty()) {
                    log.notice(
                            Origin.file(host + "/" + p.stage),
                            "not used: the initrd's own " + initrdDir + " is what initramfs-tools would run");
                }
            }
            String order = initrdDir + "/ORDER";
            if (root.exists(order)) return fromOrderFile(p, initrdDir, order);
            Map<String, String> sources = new LinkedHashMap<>();
            for (String n : names(initrdDir)) sources.put(n, initrdDir + "/" + n);
            return byPrereq(p, sources);
        }
        // the union of both folders' names, the /etc script where there is one (get_source)
        TreeSet<String> all = new TreeSet<>(names(USR_SHARE + "/" + p.stage));
        all.addAll(names(ETC + "/" + p.stage));
        Map<String, String> sources = new LinkedHashMap<>();
        for (String n : all) {
            String etc = ETC + "/" + p.stage + "/" + n;
            String usr = USR_SHARE + "/" + p.stage + "/" + n;
            if (isRegularFile(etc)) {
                if (isRegularFile(usr)) log.info(Origin.file(etc), "replaces " + usr);
                sources.put(n, etc);
            } else {
                sources.put(n, existsAsEntry(usr) ? usr : etc);
            }
        }
        return byPrereq(p, sources);
    }

    /** set_initlist + get_prereq_pairs | tsort + cache_run_scripts, over name → script path. */
    List<HookScript> byPrereq(HookPoint p, Map<String, String> sources) {
        Map<String, HookScript> usable = new LinkedHashMap<>();
        List<String[]> pairs = new ArrayList<>();
        Map<String, Integer> prereqLine = new HashMap<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String name = e.getKey(), path = e.getValue();
            if (!usableScript(path, name)) continue;
            String text;
            try {
                text = root.read(path);
            } catch (IOException ex) {
                log.error(Origin.file(path), "cannot be read (" + ex.getMessage() + "); script skipped");
                continue;
            }
            if (text == null) {
                log.error(Origin.file(path), "cannot be read; script skipped");
                continue;
            }
            Prereqs.Found found;
            try {
                found = Prereqs.parse(text);
            } catch (Prereqs.BadPrereq bad) {
                log.error(Origin.fileLine(path, bad.line), bad.getMessage() + "; script skipped");
                continue;
            }
            usable.put(
                    name,
                    new HookScript(
                            p,
                            name,
                            path,
                            found.line() > 0 ? Origin.fileLine(path, found.line()) : Origin.file(path),
                            found.names()));
            prereqLine.put(name, found.line());
            pairs.add(new String[] {name, name});
            for (String pre : found.names()) pairs.add(new String[] {pre, name});
        }
        Tsort.Result sorted = Tsort.sort(pairs);
        for (List<String> loop : sorted.loops()) {
            List<String> files = new ArrayList<>();
            for (String n : loop) {
                HookScript s = usable.get(n);
                files.add(
                        s == null ? n : s.path() + (prereqLine.getOrDefault(n, 0) > 0 ? ":" + prereqLine.get(n) : ""));
            }
            HookScript first = usable.get(loop.get(0));
            log.warning(
                    first == null ? null : first.origin(),
                    "the PREREQ lines of these scripts form a loop: "
                            + String.join(", ", files)
                            + "; run in the order tsort breaks it (as initramfs-tools does): "
                            + String.join(" ", namesOnly(sorted.order(), usable)));
        }
        List<HookScript> out = new ArrayList<>();
        for (String n : sorted.order()) {
            HookScript s = usable.get(n);
            if (s != null) out.add(s);
        }
        return out;
    }

    private static List<String> namesOnly(List<String> order, Map<String, HookScript> usable) {
        List<String> out = new ArrayList<>();
        for (String n : order) if (usable.containsKey(n)) out.add(n);
        return out;
    }

    /** set_initlist's filters, with a word for each script it skips. */
    private boolean usableScript(String path, String name) {
        Path host = root.host(path);
        if (!isScriptName(name)) {
            log.warning(
                    Origin.file(path),
                    "not a script name initramfs-tools accepts (letters, digits, '.', '_', '-'); skipped");
            return false;
        }
        if (host == null || Files.isDirectory(host)) return false; // folders: skipped without a word, as set_initlist
        if (!Files.exists(host)) {
            log.error(Origin.file(path), "cannot be read (a dangling link?); script skipped");
            return false;
        }
        if (!Files.isRegularFile(host)) {
            log.warning(Origin.file(path), "not a regular file; skipped");
            return false;
        }
        try {
            if (Files.size(host) > MAX_SCRIPT_BYTES) {
                log.error(
                        Origin.file(path),
                        "is larger than " + MAX_SCRIPT_BYTES
                                + " bytes, too large to be read for its PREREQ line; script skipped");
                return false;
            }
        } catch (IOException e) {
            log.error(Origin.file(path), "cannot be read (" + e.getMessage() + "); script skipped");
            return false;
        }
        if (!Files.isExecutable(host) || !isExecutableByMode(host)) {
            log.warning(Origin.file(path), "not executable; skipped (initramfs-tools skips it too)");
            return false;
        }
        return true;
    }

    /** Files.isExecutable is true for root whatever the mode; the script needs an x bit. */
    private static boolean isExecutableByMode(Path p) {
        try {
            var perms = Files.getPosixFilePermissions(p);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE)
                    || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return true;
        }
    }

    /** mkinitramfs' ORDER: "/scripts/STAGE/NAME "$@"" lines, each followed by the param.conf line. */
    private List<HookScript> fromOrderFile(HookPoint p, String dir, String order) {
        String text;
        try {
            text = root.read(order);
        } catch (IOException e) {
            log.error(Origin.file(order), "cannot be read (" + e.getMessage() + "); no " + p.stage + " scripts run");
            return List.of();
        }
        if (text == null) return List.of();
        List<HookScript> out = new ArrayList<>();
        TreeSet<String> listed = new TreeSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            Origin o = Origin.fileLine(order, i + 1);
            if (l.isEmpty() || l.startsWith("#") || l.equals("[ -e /conf/param.conf ] && . /conf/param.conf")) continue;
            String cmd = l;
            if (cmd.endsWith(" \"$@\""))
                cmd = cmd.substring(0, cmd.length() - 5).strip();
            else if (cmd.endsWith(" $@"))
                cmd = cmd.substring(0, cmd.length() - 3).strip();
            String prefix = dir + "/";
            String name = cmd.startsWith(prefix) ? cmd.substring(prefix.length()) : null;
            if (name == null || !isScriptName(name)) {
                log.error(
                        o,
                        "expected \"" + prefix + "NAME \\\"$@\\\"\" or the /conf/param.conf line, got \"" + l
                                + "\"; line ignored");
                continue;
            }
            if (!listed.add(name)) {
                log.warning(o, name + " is listed again; it runs once");
                continue;
            }
            String path = prefix + name;
            Path host = root.host(path);
            if (host == null || !Files.exists(host)) {
                log.error(o, path + " does not exist; skipped");
                continue;
            }
            if (!usableScript(path, name)) continue;
            out.add(new HookScript(p, name, path, o, List.of()));
        }
        for (String n : names(dir)) {
            if (n.equals("ORDER") || listed.contains(n)) continue;
            Path host = root.host(dir + "/" + n);
            if (host != null && Files.isRegularFile(host)) {
                log.notice(
                        Origin.file(dir + "/" + n),
                        "not listed in " + order + "; not run (initramfs-tools runs what ORDER lists)");
            }
        }
        return out;
    }

    /** One NixOS command list. */
    public List<HookScript> nixos(HookPoint p) {
        String path = NIXOS + "/" + p.stage;
        Path host = root.host(path);
        if (host == null || !Files.exists(host, LinkOption.NOFOLLOW_LINKS)) return List.of();
        if (!Files.exists(host)) {
            log.error(Origin.file(path), "cannot be read (a dangling link?); skipped");
            return List.of();
        }
        if (!Files.isRegularFile(host)) {
            log.warning(Origin.file(path), "not a regular file; skipped");
            return List.of();
        }
        String text;
        try {
            text = Latin1.string(Files.readAllBytes(host));
        } catch (IOException e) {
            log.error(Origin.file(path), "cannot be read (" + e.getMessage() + "); skipped");
            return List.of();
        }
        if (!hasCommands(text)) {
            log.debug(Origin.file(path), "no commands; no unit");
            return List.of();
        }
        if (!isExecutableByMode(host)) {
            log.warning(Origin.file(path), "not executable; skipped (the NixOS module writes these with mode 0755)");
            return List.of();
        }
        return List.of(new HookScript(p, p.stage, path, Origin.file(path), List.of()));
    }

    /** Anything but blank lines and comments (the #! line included). */
    static boolean hasCommands(String text) {
        for (String l : text.split("\n", -1)) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("#")) return true;
        }
        return false;
    }

    private void reportUnknownNixosFiles() {
        for (String n : names(NIXOS)) {
            HookPoint p = HookPoint.byId("nixos/" + n);
            if (p == null) {
                List<String> known = new ArrayList<>();
                for (HookPoint q : HookPoint.values()) if (q.family == HookPoint.Family.NIXOS) known.add(q.stage);
                log.warning(
                        Origin.file(NIXOS + "/" + n),
                        "not a NixOS stage-1 command list (expected one of " + String.join(", ", known) + "); ignored");
            }
        }
    }

    private boolean existsAsEntry(String logical) {
        Path h = root.host(logical);
        return h != null && Files.exists(h, LinkOption.NOFOLLOW_LINKS);
    }

    private boolean isDirectory(String logical) {
        Path h = root.host(logical);
        return h != null && Files.isDirectory(h);
    }

    private boolean isRegularFile(String logical) {
        Path h = root.host(logical);
        return h != null && Files.isRegularFile(h);
    }

    /**
     * The names in a folder in C collation, without dot files (the shell glob "DIR/*").
     * A name that is not plain ASCII cannot be a script name and is reported.
     */
    private List<String> names(String logical) {
        Path h = root.host(logical);
        if (h == null || !Files.isDirectory(h)) return List.of();
        TreeSet<String> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(h)) {
            for (Path e : ds) {
                String n = e.getFileName().toString();
                if (n.startsWith(".")) continue;
                out.add(n);
            }
        } catch (IOException e) {
            log.warning(Origin.file(logical), "cannot be listed (" + e.getMessage() + "); its scripts are not run");
        }
        return new ArrayList<>(out);
    }
}
