package dev.stagehand.crypt;

import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Booleans;
import dev.stagehand.systemd.DeviceSpecs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel command line as systemd-cryptsetup-generator reads it (with the "rd." prefix
 * stripped in the initrd): luks=, luks.crypttab=, luks.uuid=, luks.name=, luks.options=,
 * luks.key=, luks.data=. Volumes named here are collected per UUID; naming any (luks.uuid=
 * or luks.name=) limits crypttab to those volumes.
 */
public final class CryptCommandLine {
    /** What the command line says about one LUKS UUID (crypto_device of the generator). */
    static final class Volume {
        final String uuid;
        final Origin origin;
        String keyFile, keyDev, headerDev, dataDev, name, options;
        boolean create;
        /** The crypttab lines that stand for this volume (it is written only if they all fail). */
        final List<Origin> coveredBy = new ArrayList<>();

        Volume(String uuid, Origin origin) {
            this.uuid = uuid;
            this.origin = origin;
        }
    }

    boolean enabled = true;
    boolean readCrypttab = true;
    boolean allowList;
    String defaultOptions, defaultKeyFile;
    final Map<String, Volume> volumes = new LinkedHashMap<>();

    private Volume volume(String uuid, Origin o) {
        return volumes.computeIfAbsent(uuid, u -> new Volume(u, o));
    }

    static CryptCommandLine parse(KernelCommandLine cmdline, Log log) {
        CryptCommandLine c = new CryptCommandLine();
        for (KernelCommandLine.Word w : cmdline.words(KernelCommandLine.STRIP_RD_PREFIX)) {
            c.item(w.key(), w.value(), w.writtenKey(), log);
        }
        return c;
    }

    private void item(String key, String value, String writtenKey, Log log) {
        Origin o = Origin.cmdline(writtenKey + "=");
        switch (key) {
            case "luks" -> {
                Boolean b = value == null ? Boolean.TRUE : Booleans.parse(value);
                if (b == null) log.warning(o, "expected a boolean, got \"" + value + "\"; ignored");
                else enabled = b;
            }
            case "luks.crypttab" -> {
                Boolean b = value == null ? Boolean.TRUE : Booleans.parse(value);
                if (b == null) log.warning(o, "expected a boolean, got \"" + value + "\"; ignored");
                else readCrypttab = b;
            }
            case "luks.uuid" -> {
                if (missing(log, o, value)) return;
                allowList = true; // even when refused below: the command line means to name the volumes
                String uuid = value.startsWith("luks-") ? value.substring(5) : value;
                if (refused(log, o, uuid, value)) return;
                volume(uuid, o).create = true;
            }
            case "luks.options" -> {
                if (missing(log, o, value)) return;
                String[] kv = uuidEqualsWord(value);
                if (kv == null) {
                    defaultOptions = value;
                    return;
                }
                if (!Id128.isValid(kv[0])) {
                    log.error(o, "\"" + kv[0] + "\" is not a valid UUID; ignored");
                    return;
                }
                Volume v = volume(kv[0], o);
                HeaderSplit h = HeaderSplit.of(kv[1]);
                v.options = h.options();
                v.headerDev = h.headerDev();
            }
            case "luks.key" -> {
                if (missing(log, o, value)) return;
                int n = spanUuidChars(value);
                if (n >= value.length() || value.charAt(n) != '=') {
                    defaultKeyFile = value;
                    return;
                }
                String uuid = value.substring(0, n);
                if (!Id128.isValid(uuid)) {
                    log.error(o, "\"" + uuid + "\" is not a valid UUID; ignored");
                    return;
                }
                Volume v = volume(uuid, o);
                LocationSpec spec = LocationSpec.parse(value.substring(n + 1));
                v.keyFile = spec.file();
                v.keyDev = spec.device();
            }
            case "luks.data" -> {
                if (missing(log, o, value)) return;
                int n = spanUuidChars(value);
                if (n >= value.length() || value.charAt(n) != '=') {
                    log.error(o, "expected UUID=DEVICE, got \"" + value + "\"; ignored");
                    return;
                }
                String uuid = value.substring(0, n);
                if (!Id128.isValid(uuid)) {
                    log.error(o, "\"" + uuid + "\" is not a valid UUID; ignored");
                    return;
                }
                volume(uuid, o).dataDev = value.substring(n + 1); // as written: checked and converted with the volume
            }
            case "luks.name" -> {
                if (missing(log, o, value)) return;
                String[] kv = uuidEqualsWord(value);
                if (kv == null) {
                    log.error(o, "expected UUID=NAME, got \"" + value + "\"; ignored");
                    return;
                }
                allowList = true;
                if (refused(log, o, kv[0], value)) return;
                Volume v = volume(kv[0], o);
                v.create = true;
                v.name = kv[1];
            }
            default -> {}
        }
    }

    /**
     * A UUID that no LUKS device can have (empty, a part of one, without its dashes): systemd
     * would bind the volume to /dev/disk/by-uuid/UUID and wait for it without end.
     */
    private static boolean refused(Log log, Origin o, String uuid, String value) {
        DeviceSpecs.Refusal r = DeviceSpecs.checkLuksUuid(uuid);
        if (r == null) return false;
        log.error(o, r.message(value) + "; ignored");
        return true;
    }

    private static boolean missing(Log log, Origin o, String value) {
        if (value != null) return false;
        log.warning(o, "expected a value after \"=\"; ignored");
        return true;
    }

    /** strspn(value, ALPHANUMERICAL "-"). */
    private static int spanUuidChars(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-') i++;
            else break;
        }
        return i;
    }

    /** sscanf(value, "%m[0-9a-fA-F-]=%ms"): {uuid, word} or null when it does not match both. */
    static String[] uuidEqualsWord(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-') i++;
            else break;
        }
        if (i == 0 || i >= s.length() || s.charAt(i) != '=') return null;
        int j = i + 1;
        while (j < s.length() && isSpace(s.charAt(j))) j++; // %ms skips leading white space
        int start = j;
        while (j < s.length() && !isSpace(s.charAt(j))) j++;
        if (j == start) return null;
        return new String[] {s.substring(0, i), s.substring(start, j)};
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 11 || c == '\f' || c == '\r';
    }

    List<Volume> toCreate() {
        List<Volume> out = new ArrayList<>();
        for (Volume v : volumes.values()) if (v.create) out.add(v);
        return out;
    }
}
