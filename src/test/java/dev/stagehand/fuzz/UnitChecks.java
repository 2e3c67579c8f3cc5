package dev.stagehand.fuzz;

import dev.stagehand.log.Diagnostic;
import dev.stagehand.log.Log;
import dev.stagehand.plan.Entry;
import dev.stagehand.plan.Link;
import dev.stagehand.plan.OutputDir;
import dev.stagehand.plan.Plan;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.systemd.CEscape;
import dev.stagehand.systemd.Latin1;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.UnitNames;
import dev.stagehand.systemd.Utf8;
import dev.stagehand.systemd.Words;
import dev.stagehand.write.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The properties every generator output must have, checked by the fuzz tests on the plan (in
 * memory) and on the written tree (on disk). Each failure is an {@link AssertionError} naming
 * the file, so Jazzer reports it as a finding with the input that caused it.
 *
 * <ul>
 *   <li>every written file parses as a unit file with a strict parser: valid UTF-8, "\n" line
 *       ends, no CR or NUL, only blank lines, "#"/";" comments, "[Section]" lines and
 *       "Key=Value" lines inside a section, no line ending in a backslash (a continuation);
 *   <li>what parses back is exactly what was planned: no value gained a line of its own;
 *   <li>every unit file name, every .d/.wants/.requires folder and every link name is a valid
 *       unit name (UnitNames) of at most 255 bytes, and each file name at most NAME_MAX;
 *   <li>unit names round-trip: unescaped (\xNN, "-" as "/") and escaped again they give the
 *       same name (hashed over-long names excepted; the key device's umount service holds a
 *       cescape()d volume name, as systemd's, which must round-trip through C escapes), and a
 *       .mount/.automount/.swap unit's name is the one systemd derives from its Where=/What=,
 *       or systemd would refuse to load it; a mount of /sysroot/etc/fstab, its mount point
 *       chased through /sysroot's symlinks, stays below /sysroot (or is /sysusr/usr);
 *   <li>"%" appears only as "%%" or in one of the specifier uses the code writes on purpose
 *       (%i, %I, %f of template instances);
 *   <li>every path of RequiresMountsFor=/WantsMountsFor= (split and unquoted as systemd does)
 *       is absolute, shorter than PATH_MAX, with names of at most 255 bytes: systemd would
 *       ignore it otherwise, and systemd-analyze verify complain;
 *   <li>Exec*= lines split as systemd splits them, and systemd-makefs@/systemd-mkswap@ format
 *       the device of their instance, systemd-fsck-root/-usr check one device, the key
 *       device's umount service unmounts the Where= of its mount;
 *   <li>links point at "../UNIT" (a generated unit or another generator's), or at a shipped
 *       unit by its absolute path, with the link's own name (or the template's instance);
 *   <li>messages are single printable lines (a hostile label cannot forge a log line).
 * </ul>
 */
public final class UnitChecks {
    private UnitChecks() {}

    static final int NAME_MAX = 255;
    private static final Pattern SECTION = Pattern.compile("\\[[A-Za-z][A-Za-z0-9-]*\\]");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern HASHED = Pattern.compile(".*_[0-9a-f]{16}\\.[a-z]+");
    private static final Pattern UMOUNT_SERVICE = Pattern.compile("(keydev|headerdev)-(.*)-umount\\.service");
    private static final Set<String> PATH_UNIT_TYPES = Set.of("mount", "automount", "swap", "device");
    /** Shipped units are linked by their absolute path below one of these. */
    private static final List<String> UNIT_DIRS = List.of("/usr/lib/systemd/system/", "/lib/systemd/system/");

    /**
     * The specifiers the code writes deliberately (FormatHooks, CryptsetupUnits): the key and
     * the exact text that holds them. Anything else with a "%" that is not "%%" came from input.
     */
    private static final Map<String, List<String>> SPECIFIER_USES = Map.of(
            "Description", List.of("Make Swap on %f", "Make File System on %f", "Cryptography Setup for %I"),
            "BindsTo", List.of("%i.device"),
            "After", List.of("%i.device"),
            "Before", List.of("systemd-fsck@%i.service ", "blockdev@dev-mapper-%i.target"),
            "Wants", List.of("blockdev@dev-mapper-%i.target"));

    /** One parsed setting: section, key, value. */
    public record Setting(String section, String key, String value) {}

    // ---------------------------------------------------------------- the plan, in memory

    /**
     * Checks every entry of {@code plan}, rendered as the writer renders it; returns what each
     * output directory should then hold (relative path → bytes, or "-> TARGET" for a link), so
     * that a test comparing it with a written tree need not render the plan again.
     */
    public static Map<OutputDir, Map<String, Object>> checkPlan(Plan plan) {
        TreeWriter renderer = new TreeWriter("stagehand-generator", Log.silent());
        Map<OutputDir, Map<String, Object>> expected = new java.util.EnumMap<>(OutputDir.class);
        for (OutputDir d : OutputDir.values()) {
            Map<String, Object> tree = new TreeMap<>();
            expected.put(d, tree);
            for (Entry e : plan.entries(d)) {
                checkRelativePath(d + ":" + e.path(), e.path(), e instanceof Link);
                switch (e) {
                    case UnitFile f -> {
                        String text = renderer.render(f);
                        tree.put(e.path(), Latin1.bytes(text));
                        List<Setting> parsed = parse(e.path(), Latin1.bytes(text));
                        List<Setting> planned = new ArrayList<>();
                        String section = null;
                        for (UnitFile.Line l : f.lines()) {
                            if (l instanceof UnitFile.Section s) section = s.name();
                            if (l instanceof UnitFile.Setting s) planned.add(new Setting(section, s.key(), s.value()));
                        }
                        if (!parsed.equals(planned)) {
                            fail(e.path(), "reads back as " + parsed + " but was planned as " + planned);
                        }
                        checkSettings(unitOf(e.path()), e.path(), parsed);
                        checkExec(e.path(), parsed, plan, d);
                    }
                    case Link l -> {
                        checkLink(e.path(), l.target());
                        tree.put(e.path(), "-> " + l.target());
                    }
                    default -> fail(e.path(), "unknown entry " + e);
                }
            }
        }
        return expected;
    }

    // ---------------------------------------------------------------- the tree, on disk

    /** Checks a written output directory; returns its files and links (relative path → bytes or link target). */
    public static Map<String, Object> checkTree(Path dir) throws IOException {
        Map<String, Object> seen = new TreeMap<>();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return seen;
        try (Stream<Path> top = Files.list(dir)) {
            for (Path p : top.sorted().toList()) {
                String name =
                        Latin1.string(p.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (Files.isSymbolicLink(p)) fail(name, "a symlink at the top of the generator directory");
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    checkFolderName(name);
                    try (Stream<Path> inner = Files.list(p)) {
                        for (Path q : inner.sorted().toList()) {
                            String rel = name + "/"
                                    + Latin1.string(q.getFileName()
                                            .toString()
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            if (Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS)) fail(rel, "a folder two levels deep");
                            checkRelativePath(rel, rel, Files.isSymbolicLink(q));
                            if (Files.isSymbolicLink(q)) {
                                String target = Files.readSymbolicLink(q).toString();
                                checkLink(rel, target);
                                seen.put(rel, "-> " + target);
                            } else {
                                byte[] content = Files.readAllBytes(q);
                                checkSettings(unitOf(rel), rel, parse(rel, content));
                                seen.put(rel, content);
                            }
                        }
                    }
                } else {
                    checkRelativePath(name, name, false);
                    byte[] content = Files.readAllBytes(p);
                    checkSettings(name, name, parse(name, content));
                    seen.put(name, content);
                }
            }
        }
        return seen;
    }

    // ---------------------------------------------------------------- unit files

    /** The strict unit file parser: the settings in order, or an AssertionError. */
    public static List<Setting> parse(String name, byte[] content) {
        String text = Latin1.string(content);
        if (!Utf8.isValid(text)) fail(name, "is not valid UTF-8");
        if (!text.isEmpty() && !text.endsWith("\n")) fail(name, "does not end with a newline");
        List<Setting> out = new ArrayList<>();
        String section = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String at = name + ":" + lineNo;
            if (line.indexOf('\r') >= 0) fail(at, "carriage return in \"" + CEscape.escape(line) + "\"");
            if (line.indexOf('\0') >= 0) fail(at, "NUL byte in \"" + CEscape.escape(line) + "\"");
            if (line.endsWith("\\"))
                fail(at, "line ends in a backslash (a continuation): \"" + CEscape.escape(line) + "\"");
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[")) {
                if (!SECTION.matcher(line).matches()) fail(at, "bad section line \"" + CEscape.escape(line) + "\"");
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) fail(at, "neither a section, a comment nor Key=Value: \"" + CEscape.escape(line) + "\"");
            String key = line.substring(0, eq);
            if (!KEY.matcher(key).matches()) fail(at, "bad key \"" + CEscape.escape(key) + "\"");
            if (section == null) fail(at, "a setting before any [Section]");
            out.add(new Setting(section, key, line.substring(eq + 1)));
        }
        return out;
    }

    /** Value rules: "%" only as "%%" or deliberate; Where=/What= agree with the unit name. */
    static void checkSettings(String unit, String file, List<Setting> settings) {
        for (Setting s : settings) {
            String v = s.value();
            String at = file + " " + s.key() + "=" + CEscape.escape(v);
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) fail(at, "a line break in a value");
            String rest = v;
            boolean deliberate = false;
            for (String use : SPECIFIER_USES.getOrDefault(s.key(), List.of())) {
                if (rest.equals(use) || (use.endsWith(" ") && rest.startsWith(use))) {
                    rest = rest.substring(use.length());
                    deliberate = true;
                    break;
                }
            }
            if (deliberate && unit.indexOf('@') < 0)
                fail(at, "an instance specifier in " + unit + ", which is no instance");
            for (int i = 0; i < rest.length(); i++) {
                if (rest.charAt(i) != '%') continue;
                if (i + 1 < rest.length() && rest.charAt(i + 1) == '%') {
                    i++;
                    continue;
                }
                fail(at, "an unescaped % (a specifier systemd would expand)");
            }
        }
        for (Setting s : settings) {
            if (!s.key().equals("RequiresMountsFor") && !s.key().equals("WantsMountsFor")) continue;
            // as config_parse_unit_mounts_for(): words unquoted, specifiers resolved, then each
            // must be an absolute valid path or systemd ignores it (systemd-analyze verify says so)
            List<String> words;
            try {
                words = Words.split(s.value(), null, Words.UNQUOTE);
            } catch (Words.BadWordException e) {
                throw new AssertionError(file + " " + s.key() + "=" + CEscape.escape(s.value())
                        + ": systemd cannot split it: " + e.getMessage());
            }
            for (String w : words) {
                String path = w.replace("%%", "%");
                if (!Paths.isAbsolute(path) || !Paths.isValid(path, true)) {
                    fail(
                            file + " " + s.key() + "=" + CEscape.escape(s.value()),
                            "\"" + CEscape.escape(path)
                                    + "\" is no absolute path within PATH_MAX and NAME_MAX: systemd ignores it with a warning");
                }
            }
        }
        if (file.contains("/")) return; // drop-ins: no Where=/What= of their own
        int dot = unit.lastIndexOf('.');
        String type = unit.substring(dot + 1);
        String key = switch (type) {
            case "mount", "automount" -> "Where";
            case "swap" -> "What";
            default -> null;
        };
        if (key == null) return;
        List<String> values = settings.stream()
                .filter(s -> s.key().equals(key))
                .map(Setting::value)
                .toList();
        if (values.size() != 1) fail(file, "has " + values.size() + " " + key + "= settings");
        String path = values.get(0).replace("%%", "%");
        String expected;
        try {
            expected = UnitNames.fromPath(path, "." + type);
        } catch (UnitNames.InvalidUnitNameException e) {
            throw new AssertionError(
                    file + ": " + key + "=" + CEscape.escape(path) + " has no unit name: " + e.getMessage());
        }
        if (!expected.equals(unit)) {
            fail(
                    file,
                    key + "=" + CEscape.escape(path) + " belongs to " + CEscape.escape(expected)
                            + ", not to this unit; systemd refuses it");
        }
        // a mount point of the real root's fstab, chased through its symlinks, stays in it
        boolean fromSysroot = settings.stream()
                .anyMatch(s -> s.key().equals("SourcePath") && s.value().equals("/sysroot/etc/fstab"));
        if (fromSysroot
                && type.equals("mount")
                && !path.equals("/sysusr/usr")
                && !path.equals("/sysroot")
                && !path.startsWith("/sysroot/")) {
            fail(file, "Where=" + CEscape.escape(path) + " of /sysroot/etc/fstab is outside /sysroot");
        }
    }

    // ---------------------------------------------------------------- Exec lines

    private static final Pattern FORMAT_HOOK = Pattern.compile("systemd-(makefs|mkswap)@(.+)\\.service");

    /**
     * Exec*= lines split as systemd splits them (specifiers resolved, a "-@:+!" prefix, then
     * words unquoted with C escapes), and the commands the generator writes act on what their
     * unit is about: systemd-makefs@/systemd-mkswap@ format the device their instance names,
     * systemd-fsck-root/-usr check one device, and a key or header device's umount service
     * unmounts the Where= of the mount it is ordered after.
     */
    static void checkExec(String file, List<Setting> settings, Plan plan, OutputDir dir) {
        if (file.contains("/")) return;
        for (Setting s : settings) {
            if (!s.key().startsWith("Exec")) continue;
            List<String> words = execWords(file, s);
            String at = file + " " + s.key() + "=" + CEscape.escape(s.value());
            if (words.isEmpty() || !Paths.isAbsolute(words.get(0))) fail(at, "no absolute program path");
            java.util.regex.Matcher hook = FORMAT_HOOK.matcher(file);
            if (hook.matches() && s.key().equals("ExecStart")) {
                String device = "/" + unescape(file, hook.group(2));
                // the same path as the instance's: "/dev/vda/" and "//dev/vda" name /dev/vda too
                if (words.size() != 3 || !Paths.equal(words.get(2), device)) {
                    fail(
                            at,
                            "formats " + words.subList(1, words.size()) + ", not " + CEscape.escape(device)
                                    + " of its instance");
                }
            }
            if ((file.equals("systemd-fsck-root.service") || file.equals("systemd-fsck-usr.service"))
                    && s.key().equals("ExecStart")
                    && words.size() != 2) {
                fail(at, "checks " + words.subList(1, words.size()) + ", not one device");
            }
            if (UMOUNT_SERVICE.matcher(file).matches() && s.key().equals("ExecStart")) {
                List<String> after = settings.stream()
                        .filter(x -> x.key().equals("After"))
                        .map(Setting::value)
                        .toList();
                Entry mount = after.isEmpty() ? null : plan.get(dir, after.get(0));
                if (!(mount instanceof UnitFile m) || m.values("Where").size() != 1) fail(at, "no mount to unmount");
                String where = ((UnitFile) mount).values("Where").get(0).replace("%%", "%");
                if (words.size() != 2 || !words.get(1).equals(where)) {
                    fail(
                            at,
                            "unmounts " + words.subList(1, words.size()) + ", not Where=" + CEscape.escape(where)
                                    + " of " + after.get(0));
                }
            }
        }
    }

    /** config_parse_exec(): specifiers resolved, the prefix characters dropped, words unquoted and C-unescaped. */
    static List<String> execWords(String file, Setting s) {
        String v = s.value().replace("%%", "%");
        int i = 0;
        while (i < v.length() && "-@:+!".indexOf(v.charAt(i)) >= 0) i++;
        try {
            return Words.split(v.substring(i), null, Words.UNQUOTE | Words.CUNESCAPE);
        } catch (Words.BadWordException e) {
            throw new AssertionError(CEscape.escape(file + " " + s.key() + "=" + s.value())
                    + ": systemd cannot split it: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- names

    /** "UNIT", "UNIT.d/NAME.conf", "UNIT.wants|requires|upholds/UNIT", every part a checked name. */
    static void checkRelativePath(String shown, String rel, boolean isLink) {
        String[] parts = rel.split("/", -1);
        if (parts.length == 1) {
            if (isLink) fail(shown, "a link at the top level");
            checkUnitName(shown, parts[0]);
        } else if (parts.length == 2) {
            checkFolderName(parts[0]);
            if (parts[0].endsWith(".d")) {
                if (isLink) fail(shown, "a link in a drop-in folder");
                if (!parts[1].endsWith(".conf") || parts[1].startsWith(".") || parts[1].length() > NAME_MAX) {
                    fail(
                            shown,
                            "not a drop-in file name (NAME.conf; leftovers of an interrupted write start with \".\")");
                }
                for (char c : parts[1].toCharArray())
                    if (c < ' ' || c > '~') fail(shown, "control or non-ASCII byte in a drop-in name");
            } else {
                if (!isLink) fail(shown, "a file that is not a link in a dependency folder");
                checkUnitName(shown, parts[1]);
            }
        } else {
            fail(shown, "is more than two levels deep");
        }
    }

    static void checkFolderName(String folder) {
        if (bytes(folder) > NAME_MAX) fail(folder, "folder name longer than " + NAME_MAX + " bytes");
        int dot = folder.lastIndexOf('.');
        String kind = dot < 0 ? "" : folder.substring(dot + 1);
        if (!Set.of("d", "wants", "requires", "upholds").contains(kind))
            fail(folder, "not a .d/.wants/.requires/.upholds folder");
        // the folder is named after the unit that wants: often one the user named
        // (x-systemd.wanted-by=f-.mount, a\129b.target), taken as written as systemd does, so
        // only validity and length are checked here; units we name are checked in full
        String owner = folder.substring(0, dot);
        if (!UnitNames.isValid(owner)) fail(folder, "\"" + CEscape.escape(owner) + "\" is not a valid unit name");
        if (bytes(owner) > NAME_MAX) fail(folder, "unit name longer than " + NAME_MAX + " bytes");
    }

    /** A valid unit name of at most 255 bytes that survives unescaping and escaping again. */
    static void checkUnitName(String shown, String name) {
        if (!UnitNames.isValid(name)) fail(shown, "\"" + CEscape.escape(name) + "\" is not a valid unit name");
        if (bytes(name) > NAME_MAX) fail(shown, "unit name longer than " + NAME_MAX + " bytes");
        int dot = name.lastIndexOf('.');
        String type = name.substring(dot + 1);
        String stem = name.substring(0, dot);
        boolean hashed = name.length() == UnitNames.UNIT_NAME_MAX - 1
                && HASHED.matcher(name).matches();
        java.util.regex.Matcher umount = UMOUNT_SERVICE.matcher(name);
        if (umount.matches()) {
            // generate_device_umount(): "keydev-" + cescape(NAME) + "-umount.service", C escapes, not \xNN
            String plain = cunescape(shown, umount.group(2));
            if (!CEscape.escape(plain).equals(umount.group(2)))
                fail(shown, "\"" + umount.group(2) + "\" is no cescape() output");
            return;
        }
        int at = stem.indexOf('@');
        List<String> parts = at < 0 ? List.of(stem) : List.of(stem.substring(0, at), stem.substring(at + 1));
        for (String part : parts) {
            if (part.isEmpty() || hashed) continue;
            String plain = unescape(shown, part);
            if (!UnitNames.escape(plain).equals(part)) {
                fail(
                        shown,
                        "\"" + part + "\" unescapes to \"" + CEscape.escape(plain) + "\", which escapes to \""
                                + UnitNames.escape(plain) + "\": not the name systemd would derive");
            }
        }
        if (at < 0 && !hashed && PATH_UNIT_TYPES.contains(type)) {
            String path = stem.equals("-") ? "/" : "/" + unescape(shown, stem);
            if (!stem.equals("-") && !Paths.isNormalized(path))
                fail(shown, "names the path \"" + CEscape.escape(path) + "\", which is not normalized");
            try {
                String again = UnitNames.fromPath(path, "." + type);
                if (!again.equals(name)) fail(shown, "names \"" + CEscape.escape(path) + "\", whose unit is " + again);
            } catch (UnitNames.InvalidUnitNameException e) {
                fail(shown, "names \"" + CEscape.escape(path) + "\", which has no unit name: " + e.getMessage());
            }
        }
    }

    /** cunescape() of a cescape() output: every backslash starts a valid C escape. */
    static String cunescape(String shown, String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            CEscape.Unescaped u = CEscape.unescapeOne(s, i + 1);
            if (u == null || (!u.eightBit() && u.codePoint() > 0x7f))
                fail(shown, "a backslash that is no C escape in \"" + s + "\"");
            b.append((char) u.codePoint());
            i += u.consumed();
        }
        return b.toString();
    }

    /** unit_name_unescape() plus "-" → "/": \xNN (lower-case hex, as systemd writes it) to a byte. */
    static String unescape(String shown, String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-') {
                b.append('/');
            } else if (c == '\\') {
                if (i + 3 >= s.length()
                        || s.charAt(i + 1) != 'x'
                        || !isLowerHex(s.charAt(i + 2))
                        || !isLowerHex(s.charAt(i + 3))) {
                    fail(shown, "a backslash that is no \\xNN escape in \"" + s + "\"");
                }
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A link: "../UNIT" (a unit in the same folder) or a shipped unit, named as its target. */
    static void checkLink(String rel, String target) {
        for (char c : target.toCharArray())
            if (c < ' ' || c > '~') fail(rel, "control or non-ASCII byte in the link target");
        String name = rel.substring(rel.indexOf('/') + 1);
        String file = target.substring(target.lastIndexOf('/') + 1);
        // "../UNIT" need not have been written here: systemd writes initrd-usr-fs.target's link to
        // sysroot.mount for another generator's sysroot.mount too, and systemd reads only the name
        if (!target.equals("../" + file) && UNIT_DIRS.stream().noneMatch(d -> target.equals(d + file))) {
            fail(rel, "points at " + target + ", neither ../UNIT nor a shipped unit");
        }
        if (!UnitNames.isValid(file)) fail(rel, "points at \"" + file + "\", which is no unit name");
        boolean template = file.indexOf('@') == file.lastIndexOf('.') - 1;
        if (!name.equals(file)
                && !(template
                        && UnitNames.isValid(name)
                        && name.startsWith(file.substring(0, file.indexOf('@') + 1))
                        && name.endsWith(file.substring(file.lastIndexOf('.'))))) {
            fail(rel, "is named neither as its target " + file + " nor as an instance of it");
        }
    }

    // ---------------------------------------------------------------- messages

    /** Messages are one printable line each, and none says the generator failed inside. */
    public static void checkMessages(List<Diagnostic> messages) {
        for (Diagnostic d : messages) {
            String line = d.toString();
            for (char c : line.toCharArray()) {
                if (c < ' ' || c > '~')
                    fail("message", "control or non-ASCII byte " + (int) c + " in \"" + CEscape.escape(line) + "\"");
            }
            if (d.message().startsWith("internal error")
                    || d.message().startsWith("cannot write the units")
                    || d.message().contains("refusing to write")
                    || d.message().contains("exists already")) {
                fail("message", "the generator failed inside: " + line);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The unit a file or drop-in belongs to: "X.mount" for "X.mount" and "X.mount.d/y.conf". */
    static String unitOf(String rel) {
        int slash = rel.indexOf('/');
        if (slash < 0) return rel;
        String folder = rel.substring(0, slash);
        return folder.substring(0, folder.lastIndexOf('.'));
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    static int bytes(String latin1) {
        return latin1.length(); // byte strings: one char per byte
    }

    static void fail(String where, String what) {
        throw new AssertionError(CEscape.escape(where) + ": " + what);
    }
}
