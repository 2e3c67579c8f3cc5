package dev.stagehand.config;

import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Spelling;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * /etc/stagehand/stagehand.conf and its drop-ins, with systemd's precedence: the main file is
 * the first of /etc, /run, /usr/local/lib, /usr/lib; drop-ins (stagehand.conf.d/*.conf) come
 * from all four, a file name in an earlier folder hiding the same name in a later one, and
 * are applied after the main file in the order of their names. Later settings win.
 * Settings are looked up by section and key; unknown ones are reported.
 */
public final class StagehandConfig {
    static final String[] DIRS = {"/etc", "/run", "/usr/local/lib", "/usr/lib"};

    /** Section → key → setting, the winners. */
    private final Map<String, Map<String, ConfigFile.Setting>> settings = new LinkedHashMap<>();

    private StagehandConfig() {}

    public static StagehandConfig empty() {
        return new StagehandConfig();
    }

    public static StagehandConfig load(Environment env, Log log) {
        StagehandConfig c = new StagehandConfig();
        for (String d : DIRS) {
            String main = d + "/stagehand/stagehand.conf";
            if (env.root().exists(main)) {
                c.read(env, main, log);
                break;
            }
        }
        TreeMap<String, String> dropIns = new TreeMap<>();
        for (String d : DIRS) {
            Path dir = env.root().host(d + "/stagehand/stagehand.conf.d");
            if (dir == null || !Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.conf")) {
                for (Path p : ds)
                    dropIns.putIfAbsent(
                            p.getFileName().toString(), d + "/stagehand/stagehand.conf.d/" + p.getFileName());
            } catch (IOException e) {
                log.warning(Origin.file(d + "/stagehand/stagehand.conf.d"), "cannot be listed: " + e.getMessage());
            }
        }
        for (String f : dropIns.values()) c.read(env, f, log);
        return c;
    }

    private void read(Environment env, String logical, Log log) {
        String text;
        try {
            text = env.root().read(logical);
        } catch (IOException e) {
            log.warning(Origin.file(logical), "cannot be read: " + e.getMessage());
            return;
        }
        if (text == null) return;
        for (ConfigFile.Setting s : ConfigFile.parse(text, logical, log)) {
            settings.computeIfAbsent(s.section(), x -> new LinkedHashMap<>()).put(s.key(), s);
        }
    }

    /** The winning setting of section/key, or null. */
    public Value get(String section, String key) {
        Map<String, ConfigFile.Setting> m = settings.get(section);
        ConfigFile.Setting s = m == null ? null : m.get(key);
        return s == null ? null : new Value(s.value(), s.origin());
    }

    /** A value and where it was set. */
    public record Value(String text, Origin origin) {}

    /** Reports settings no reader declares (a typo should not go unnoticed), with a guess at what was meant. */
    public void reportUnknown(List<SettingKeys> readers, Log log) {
        Map<String, List<String>> known = new TreeMap<>(); // sorted: messages list them in a stable order
        for (SettingKeys r : readers) known.putAll(r.sections());
        for (var sec : settings.entrySet()) {
            String name = sec.getKey();
            int colon = name.indexOf(':');
            String pattern = colon > 0 ? name.substring(0, colon) + ":*" : name; // [MD:NAME]
            List<String> keys = known.get(colon > 0 ? pattern : name);
            for (ConfigFile.Setting s : sec.getValue().values()) {
                if (keys == null) {
                    String guess = Spelling.closest(pattern, known.keySet());
                    log.warning(
                            s.origin(),
                            "unknown section [" + name + "] (expected one of "
                                    + known.keySet().toString().replace(":*", ":NAME") + "); ignored",
                            guess == null
                                    ? null
                                    : "did you mean ["
                                            + (colon > 0 ? guess.replace("*", name.substring(colon + 1)) : guess)
                                            + "]?");
                    break;
                }
                if (!keys.contains(s.key())) {
                    log.warning(
                            s.origin(),
                            "unknown setting " + s.key() + "= in [" + name + "] (expected one of " + keys
                                    + "); ignored",
                            Spelling.didYouMean(s.key(), keys, "="));
                }
            }
        }
    }

    /** The sections that hold at least one setting, e.g. "MD:root" (for check). */
    public List<String> sectionNames() {
        return new ArrayList<>(settings.keySet());
    }

    /** Where the first setting of a section was made (for check), or null. */
    public Origin origin(String section) {
        Map<String, ConfigFile.Setting> m = settings.get(section);
        return m == null || m.isEmpty() ? null : m.values().iterator().next().origin();
    }
}
