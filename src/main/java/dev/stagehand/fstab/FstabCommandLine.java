package dev.stagehand.fstab;

import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Booleans;
import dev.stagehand.systemd.Words;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel command line as systemd-fstab-generator reads it: root=, rootfstype=,
 * rootflags= (repeated ones joined with ","), ro/rw, mount.usr*, roothash/usrhash,
 * systemd.volatile=, fstab=/rd.fstab=, systemd.swap=, systemd.verity= and the
 * (rd.)systemd.mount-extra= / swap-extra= entries. Later words win, as in systemd.
 * Null and "" differ, as in systemd: "rootflags=" sets empty flags, "root=" unsets root.
 */
public record FstabCommandLine(
        String rootWhat,
        String rootFstype,
        String rootOptions,
        String rootHash,
        Boolean rootRw,
        String usrWhat,
        String usrFstype,
        String usrOptions,
        String usrHash,
        Volatile volatileMode,
        boolean fstabEnabled,
        boolean swapEnabled,
        boolean verity,
        List<ExtraMount> extraMounts) {

    /** systemd.volatile= modes. */
    public enum Volatile {
        NO,
        YES,
        STATE,
        OVERLAY
    }

    /** One systemd.mount-extra= or swap-extra= entry. */
    public record ExtraMount(
            Origin origin, boolean forInitrd, String what, String where, String fstype, String options) {}

    public static FstabCommandLine parse(KernelCommandLine cmdline, Log log) {
        String rootWhat = null, rootFstype = null, rootOptions = null, rootHash = null;
        String usrWhat = null, usrFstype = null, usrOptions = null, usrHash = null;
        Boolean rootRw = null;
        Volatile vol = null;
        boolean fstab = true, swap = true, verity = true;
        List<ExtraMount> extra = new ArrayList<>();

        for (KernelCommandLine.Word w : cmdline.words(0)) {
            String key = w.key(), value = w.value();
            Origin o = Origin.cmdline(key + "=");
            switch (key) {
                case "fstab", "rd.fstab" -> {
                    Boolean b = value == null ? Boolean.TRUE : Booleans.parse(value);
                    if (b == null) log.warning(o, "expected a boolean, got \"" + value + "\"; ignored");
                    else fstab = b;
                }
                case "root" -> {
                    if (present(log, o, value)) rootWhat = emptyToNull(value);
                }
                case "rootfstype" -> {
                    if (present(log, o, value)) rootFstype = emptyToNull(value);
                }
                case "rootflags" -> {
                    if (present(log, o, value)) rootOptions = extend(rootOptions, value);
                }
                case "roothash" -> {
                    if (present(log, o, value)) rootHash = emptyToNull(value);
                }
                case "mount.usr" -> {
                    if (present(log, o, value)) usrWhat = emptyToNull(value);
                }
                case "mount.usrfstype" -> {
                    if (present(log, o, value)) usrFstype = emptyToNull(value);
                }
                case "mount.usrflags" -> {
                    if (present(log, o, value)) usrOptions = extend(usrOptions, value);
                }
                case "usrhash" -> {
                    if (present(log, o, value)) usrHash = emptyToNull(value);
                }
                case "rw" -> {
                    if (value == null) rootRw = true;
                }
                case "ro" -> {
                    if (value == null) rootRw = false;
                }
                case "systemd.volatile" -> {
                    if (value == null) {
                        vol = Volatile.YES;
                    } else {
                        Volatile m = parseVolatile(value);
                        if (m == null)
                            log.warning(o, "expected yes, no, state or overlay, got \"" + value + "\"; ignored");
                        else vol = m;
                    }
                }
                case "systemd.swap" -> {
                    Boolean b = value == null ? Boolean.TRUE : Booleans.parse(value);
                    if (b == null) log.warning(o, "expected a boolean, got \"" + value + "\"; ignored");
                    else swap = b;
                }
                case "systemd.verity" -> {
                    Boolean b = value == null ? Boolean.TRUE : Booleans.parse(value);
                    if (b == null) log.warning(o, "expected a boolean, got \"" + value + "\"; ignored");
                    else verity = b;
                }
                case "systemd.mount-extra", "rd.systemd.mount-extra" -> {
                    if (!present(log, o, value)) break;
                    ExtraMount m = parseMountExtra(o, key.startsWith("rd."), value);
                    if (m == null)
                        log.warning(o, "expected WHAT:WHERE[:FSTYPE[:OPTIONS]], got \"" + value + "\"; ignored");
                    else extra.add(m);
                }
                case "systemd.swap-extra", "rd.systemd.swap-extra" -> {
                    if (!present(log, o, value)) break;
                    ExtraMount m = parseSwapExtra(o, key.startsWith("rd."), value);
                    if (m == null) log.warning(o, "expected WHAT[:OPTIONS], got \"" + value + "\"; ignored");
                    else extra.add(m);
                }
                default -> {}
            }
        }
        return new FstabCommandLine(
                rootWhat,
                rootFstype,
                rootOptions,
                rootHash,
                rootRw,
                usrWhat,
                usrFstype,
                usrOptions,
                usrHash,
                vol,
                fstab,
                swap,
                verity,
                List.copyOf(extra));
    }

    /**
     * determine_root()/determine_usr(): roothash=/usrhash= without root=/mount.usr= means the
     * verity device /dev/mapper/root or /dev/mapper/usr, always read-only.
     */
    public FstabCommandLine withVerity(Log log) {
        String rootW = rootWhat, usrW = usrWhat, usrO = usrOptions;
        Boolean rootRo = rootRw;
        if (rootW == null && rootHash != null && verity) {
            rootW = "/dev/mapper/root";
            rootRo = false;
            log.info(Origin.cmdline("roothash="), "using verity root device " + rootW);
        }
        if (usrW == null && usrHash != null && verity) {
            usrW = "/dev/mapper/usr";
            usrO = extend(usrO, "ro");
            log.info(Origin.cmdline("usrhash="), "using verity /usr device " + usrW);
        }
        return new FstabCommandLine(
                rootW,
                rootFstype,
                rootOptions,
                rootHash,
                rootRo,
                usrW,
                usrFstype,
                usrO,
                usrHash,
                volatileMode,
                fstabEnabled,
                swapEnabled,
                verity,
                extraMounts);
    }

    private static boolean present(Log log, Origin o, String value) {
        if (value == null) {
            log.warning(o, "expected a value after \"=\"; ignored");
            return false;
        }
        return true;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** strextend_with_separator(x, ",", v). */
    static String extend(String x, String v) {
        if (x == null || x.isEmpty()) return (x == null ? "" : x) + v;
        return x + "," + v;
    }

    static Volatile parseVolatile(String v) {
        Boolean b = Booleans.parse(v);
        if (b != null) return b ? Volatile.YES : Volatile.NO;
        return switch (v) {
            case "no" -> Volatile.NO;
            case "yes" -> Volatile.YES;
            case "state" -> Volatile.STATE;
            case "overlay" -> Volatile.OVERLAY;
            default -> null;
        };
    }

    private static List<String> splitColons(String value, int max) {
        Words w = new Words(value, ":", Words.CUNESCAPE | Words.DONT_COALESCE_SEPARATORS);
        List<String> parts = new ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                String s = w.next();
                if (s == null) break;
                parts.add(s);
            }
        } catch (Words.BadWordException e) {
            return null;
        }
        if (!w.rest().isEmpty()) return null;
        return parts;
    }

    static ExtraMount parseMountExtra(Origin o, boolean forInitrd, String value) {
        List<String> p = splitColons(value, 4);
        if (p == null || p.size() < 2) return null;
        String fstype = p.size() > 2 ? p.get(2) : null;
        fstype = fstype == null || fstype.isEmpty() ? "auto" : fstype;
        String where = fstype.equals("swap") ? null : p.get(1);
        return new ExtraMount(o, forInitrd, p.get(0), where, fstype, p.size() > 3 ? p.get(3) : null);
    }

    static ExtraMount parseSwapExtra(Origin o, boolean forInitrd, String value) {
        List<String> p = splitColons(value, 2);
        if (p == null || p.isEmpty()) return null;
        return new ExtraMount(o, forInitrd, p.get(0), null, "swap", p.size() > 1 ? p.get(1) : null);
    }
}
