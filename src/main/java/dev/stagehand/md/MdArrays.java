package dev.stagehand.md;

import dev.stagehand.config.DegradedSettings;
import dev.stagehand.config.SettingKeys;
import dev.stagehand.config.StagehandConfig;
import dev.stagehand.graph.MdArray;
import dev.stagehand.graph.StorageGraph;
import dev.stagehand.input.Environment;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.input.MdadmConf;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.systemd.Booleans;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The md arrays the initrd assembles, as dracut's 90mdraid picks them: those named by
 * rd.md.uuid= if any, else the ARRAY lines (with uuid=) of mdadm.conf; none with rd.md=0;
 * mdadm.conf is not read with rd.md.conf=0. Each gets its degraded policy: the kernel command
 * line (rd.stagehand.md.degraded=, rd.stagehand.md.timeout=) wins over [MD:NAME] or
 * [MD:UUID] of stagehand.conf, which wins over [MD], which wins over auto after 30 s.
 *
 * <p>dracut 059's parse-md.sh turns md assembly off (udev property rd_NO_MD) when there is no
 * rd.md.uuid= and no rd.auto=1, even when mdadm.conf names arrays; a host-only dracut puts
 * rd.md.uuid= for the host's arrays into /etc/cmdline.d instead. So an array named only by an
 * ARRAY line would never be assembled: for those, stagehand's md-degraded runs mdadm
 * --incremental on the members itself (MdArray.assemble), which follows mdadm.conf as udev's
 * rule would (the ARRAY line makes a foreign homehost local, AUTO lines do not stop it).
 */
public final class MdArrays {
    public static final long DEFAULT_TIMEOUT_MICROS = 30_000_000L;
    /** [MD] (all arrays), [MD:NAME] or [MD:UUID] (one array; "MD:*" in KEYS). */
    public static final String SECTION = "MD";

    static final String CMD_DEGRADED = "rd.stagehand.md.degraded", CMD_TIMEOUT = "rd.stagehand.md.timeout";
    /** Degraded= and Timeout= of [MD] and [MD:NAME], rd.stagehand.md.degraded= and .timeout=. */
    public static final SettingKeys KEYS = new SettingKeys(
            Map.of(SECTION, DegradedSettings.KEYS, SECTION + ":*", DegradedSettings.KEYS),
            List.of(CMD_DEGRADED, CMD_TIMEOUT));
    /** mdadm.conf where mdadm looks: /etc/mdadm.conf, else Debian's /etc/mdadm/mdadm.conf; each with a .d folder. */
    static final String[] CONF = {"/etc/mdadm.conf", "/etc/mdadm/mdadm.conf"};

    private final Environment env;
    private final Log log;

    public MdArrays(Environment env, Log log) {
        this.env = env;
        this.log = log;
    }

    public void read(KernelCommandLine cmdline, StagehandConfig config, StorageGraph graph) {
        boolean md = true, conf = true, auto = false;
        record Named(String uuid, Origin origin) {}
        List<Named> uuids = new ArrayList<>();
        DegradedSettings.Setting cmdPolicy = null, cmdTimeout = null;
        for (KernelCommandLine.Word w : cmdline.words(0)) {
            switch (w.key()) {
                case "rd.md", "rd.md.conf" -> {
                    Boolean b = w.value() == null ? Boolean.TRUE : Booleans.parse(w.value());
                    if (b == null)
                        log.warning(w.origin(w.key() + "="), "expected a boolean, got \"" + w.value() + "\"; ignored");
                    else if (w.key().equals("rd.md")) md = b;
                    else conf = b;
                }
                case "rd.auto" -> {
                    Boolean b = w.value() == null ? Boolean.TRUE : Booleans.parse(w.value());
                    if (b == null)
                        log.warning(w.origin("rd.auto="), "expected a boolean, got \"" + w.value() + "\"; ignored");
                    else auto = b;
                }
                case "rd_NO_MD" -> md = false;
                case "rd_NO_MDADMCONF" -> conf = false;
                case "rd.md.uuid", "rd_MD_UUID" -> {
                    String v = w.value() == null ? "" : w.value();
                    String u = MdadmConf.uuid(v);
                    // mdadm's parse_uuid(): an array names no device otherwise, and dracut would wait for it
                    if (u == null)
                        log.error(
                                w.origin(w.key() + "="),
                                "expected an array UUID (32 hex digits, with : . - or blanks"
                                        + " between them if at all, such as 0a0a0a0a:0b0b0b0b:0c0c0c0c:0d0d0d0d from mdadm --detail), got \""
                                        + v + "\"; ignored");
                    else uuids.add(new Named(u, w.origin("rd.md.uuid=" + v)));
                }
                case CMD_DEGRADED -> cmdPolicy = new DegradedSettings.Setting(w.value(), w.origin(w.key() + "="));
                case CMD_TIMEOUT -> cmdTimeout = new DegradedSettings.Setting(w.value(), w.origin(w.key() + "="));
                default -> {}
            }
        }
        if (!md) {
            if (!uuids.isEmpty()) log.info(Origin.cmdline("rd.md="), "rd.md=0: no md arrays, rd.md.uuid= ignored");
            return;
        }
        MdadmConf.Conf mdadm = conf ? readConf() : MdadmConf.Conf.empty();
        Map<String, MdArray> arrays = new LinkedHashMap<>();
        if (!uuids.isEmpty()) {
            for (Named u : uuids) {
                MdadmConf.Array a = byUuid(mdadm, u.uuid());
                arrays.putIfAbsent(u.uuid(), array(u.origin(), u.uuid(), a, config, cmdPolicy, cmdTimeout, false));
            }
        } else {
            for (MdadmConf.Array a : mdadm.arrays()) {
                if (a.uuid() == null) {
                    log.info(a.origin(), "ARRAY without uuid=: mdadm assembles it, but it has no degraded policy");
                    continue;
                }
                if (!auto && !arrays.containsKey(a.uuid())) {
                    log.info(
                            a.origin(),
                            "no rd.md.uuid= and no rd.auto=1: dracut assembles no md array; stagehand hands this one's members to mdadm --incremental");
                }
                arrays.putIfAbsent(a.uuid(), array(a.origin(), a.uuid(), a, config, cmdPolicy, cmdTimeout, !auto));
            }
        }
        arrays.values().forEach(graph::add);
    }

    private static MdadmConf.Array byUuid(MdadmConf.Conf c, String uuid) {
        for (MdadmConf.Array a : c.arrays()) if (uuid.equals(a.uuid())) return a;
        return null;
    }

    /** The devices= of an ARRAY line that name one device each (mdadm also takes wildcards there: those say nothing). */
    static List<String> members(MdadmConf.Array a) {
        List<String> out = new ArrayList<>();
        if (a == null || a.devices() == null) return out;
        for (String d : a.devices().split(",")) {
            if (d.startsWith("/dev/") && d.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) out.add(d);
        }
        return out;
    }

    private MdArray array(
            Origin origin,
            String uuid,
            MdadmConf.Array a,
            StagehandConfig config,
            DegradedSettings.Setting cmdPolicy,
            DegradedSettings.Setting cmdTimeout,
            boolean assemble) {
        String name = a == null ? null : a.name() != null ? a.name() : devName(a.devname());
        if (name != null && (!UnitValues.isSafe(name) || name.isBlank())) {
            log.warning(
                    a.origin(),
                    "array name \"" + UnitValues.sanitize(name) + "\" cannot be shown in a unit; using its UUID");
            name = null;
        }
        String device = a == null ? null : device(a.devname());
        List<String> sections = new ArrayList<>(List.of(SECTION));
        for (String n : sectionNames(uuid, name, device)) sections.add(SECTION + ":" + n);
        DegradedSettings.Result<MdArray.Degraded> r = DegradedSettings.resolve(
                config,
                sections,
                cmdPolicy,
                CMD_DEGRADED + "=",
                cmdTimeout,
                MdArray.Degraded.AUTO,
                DEFAULT_TIMEOUT_MICROS,
                this::policy,
                log);
        return new MdArray(origin, uuid, name, device, r.policy(), r.timeoutMicros(), r.source(), assemble, members(a));
    }

    /** "/dev/md/root" or "root" → "root"; /dev/mdN has no name of its own. */
    /**
     * What [MD:X] may name an array by, the later winning: its UUID (mdadm's form, then 32 hex
     * digits), the ARRAY line's device (/dev/md/data) and its last part (data), its name=.
     */
    public static List<String> sectionNames(String uuid, String name, String device) {
        Set<String> out = new LinkedHashSet<>(List.of(MdadmConf.mdUuid(uuid), uuid));
        if (device != null) {
            out.add(device);
            if (devName(device) != null) out.add(devName(device));
        }
        if (name != null) out.add(name);
        return List.copyOf(out);
    }

    /** The ARRAY line's device when it is a path under /dev/md and safe to show; else null. */
    private static String device(String devname) {
        if (devname == null || !devname.startsWith("/dev/md") || !UnitValues.isSafe(devname)) return null;
        return devname;
    }

    private static String devName(String devname) {
        if (devname == null || devname.equalsIgnoreCase("<ignore>")) return null;
        if (devname.startsWith("/dev/md/")) return devname.substring(8);
        return devname.startsWith("/") ? null : devname;
    }

    private MdArray.Degraded policy(String v, Origin o) {
        try {
            return MdArray.Degraded.valueOf(v == null ? "" : v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            log.warning(o, "expected auto, ask or never, got \"" + v + "\"; ignored");
            return null;
        }
    }

    /** mdadm.conf (the first of CONF that exists) and the *.conf files of its .d folder, in name order. */
    MdadmConf.Conf readConf() {
        List<MdadmConf.Array> arrays = new ArrayList<>();
        String homehost = null;
        for (String main : CONF) {
            if (!env.root().exists(main)) continue;
            List<String> files = new ArrayList<>(List.of(main));
            Path dir = env.root().host(main + ".d");
            if (dir != null && Files.isDirectory(dir)) {
                TreeSet<String> names = new TreeSet<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.conf")) {
                    for (Path p : ds)
                        if (!p.getFileName().toString().startsWith("."))
                            names.add(p.getFileName().toString());
                } catch (IOException e) {
                    log.warning(Origin.file(main + ".d"), "cannot be listed: " + e.getMessage());
                }
                for (String n : names) files.add(main + ".d/" + n);
            }
            for (String f : files) {
                try {
                    String text = env.root().read(f);
                    if (text == null) continue;
                    MdadmConf.Conf c = MdadmConf.parse(text, f, log);
                    arrays.addAll(c.arrays());
                    if (homehost == null) homehost = c.homehost();
                } catch (IOException e) {
                    log.warning(Origin.file(f), "cannot be read: " + e.getMessage());
                }
            }
            break;
        }
        return new MdadmConf.Conf(List.copyOf(arrays), homehost);
    }
}
