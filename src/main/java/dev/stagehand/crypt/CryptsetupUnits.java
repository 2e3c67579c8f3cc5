package dev.stagehand.crypt;

import dev.stagehand.graph.CryptVolume;
import dev.stagehand.input.Environment;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.plan.PlanBuilder;
import dev.stagehand.plan.UnitFile;
import dev.stagehand.plan.UnitValues;
import dev.stagehand.systemd.CEscape;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.DeviceSpecs;
import dev.stagehand.systemd.FstabOptions;
import dev.stagehand.systemd.Paths;
import dev.stagehand.systemd.Specifiers;
import dev.stagehand.systemd.TimeSpan;
import dev.stagehand.systemd.UnitNames;
import dev.stagehand.units.DeviceDeps;
import dev.stagehand.units.DropIns;
import dev.stagehand.units.ExecArgs;
import dev.stagehand.units.Links;
import dev.stagehand.units.UnitPathList;
import java.util.Optional;

/**
 * Turns one {@link CryptVolume} into systemd-cryptsetup@NAME.service and what goes with it
 * (key and header device mounts, target and device links, timeouts), as
 * systemd-cryptsetup-generator's create_disk() writes them. One transaction per volume.
 */
public final class CryptsetupUnits {
    static final String MAKEFS = "/usr/lib/systemd/systemd-makefs";
    static final String UMOUNT = "/usr/bin/umount";

    private final Environment env;
    private final Log log;
    private final PlanBuilder plan;
    private final String cryptsetup;
    private final String runtimeDir;

    public CryptsetupUnits(Environment env, Log log, PlanBuilder plan) {
        this.env = env;
        this.log = log;
        this.plan = plan;
        this.cryptsetup = cryptsetupBinary(env);
        String rt = env.get("RUNTIME_DIRECTORY");
        this.runtimeDir = rt != null ? rt : "/run/systemd/cryptsetup";
    }

    /**
     * systemd 257 installs systemd-cryptsetup in /usr/bin, older ones in
     * /usr/lib/systemd: the units call the one this system has (257's path if neither is seen).
     */
    static String cryptsetupBinary(Environment env) {
        if (!env.root().exists("/usr/bin/systemd-cryptsetup")
                && env.root().exists("/usr/lib/systemd/systemd-cryptsetup")) {
            return "/usr/lib/systemd/systemd-cryptsetup";
        }
        return "/usr/bin/systemd-cryptsetup";
    }

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    public boolean add(CryptVolume v) {
        try {
            plan(v);
            return true;
        } catch (Refused e) {
            log.error(v.origin(), e.getMessage() + "; volume " + v.name() + " ignored");
            return false;
        }
    }

    private static String unitFromPath(String path, String suffix) throws Refused {
        try {
            return UnitNames.fromPath(path, suffix);
        } catch (UnitNames.InvalidUnitNameException e) {
            throw new Refused("cannot make a unit name from " + path + ": " + e.getMessage());
        }
    }

    private static void refuseUnsafe(String what, String value) throws Refused {
        if (value == null) return;
        String p = UnitValues.problem(value);
        if (p != null) throw new Refused(what + " \"" + value + "\" cannot be written to a unit file: " + p);
    }

    /** A device (or key file) spec that no device can have: systemd would wait for it without end. */
    private static void refuseUnnamable(String what, String spec, DeviceSpecs.Role role) throws Refused {
        DeviceSpecs.Refusal r = spec == null ? null : DeviceSpecs.check(spec, role);
        if (r != null) throw new Refused(what + ": " + r.message(spec));
    }

    private void plan(CryptVolume v) throws Refused {
        String name = v.name(), options = v.options(), keyFile = v.keyFile();
        for (String[] f : new String[][] {
            {"name", name},
            {"device", v.device()},
            {"key file", keyFile},
            {"key device", v.keyDev()},
            {"header device", v.headerDev()},
            {"options", options}
        }) {
            refuseUnsafe(f[0], f[1]);
        }
        refuseUnnamable("device", v.device(), DeviceSpecs.Role.ENCRYPTED);
        refuseUnnamable("key device", v.keyDev(), DeviceSpecs.Role.FILE_SYSTEM);
        refuseUnnamable("header device", v.headerDev(), DeviceSpecs.Role.FILE_SYSTEM);
        if (v.keyDev() == null) refuseUnnamable("key file", keyFile, DeviceSpecs.Role.FILE_SYSTEM);
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            // systemd-cryptsetup attach refuses a volume that is not a file name (filename_is_valid),
            // and dev-mapper-NAME.device would name another path than /dev/mapper/NAME
            throw new Refused("volume name \"" + name + "\" is not a file name (no \"/\", not \".\" or \"..\"), "
                    + "which systemd-cryptsetup refuses");
        }
        boolean noauto = FstabOptions.yesNo(options, "noauto", "auto");
        boolean nofail = FstabOptions.yesNo(options, "nofail", "fail");
        boolean swap = FstabOptions.has(options, "swap");
        boolean netdev = FstabOptions.has(options, "_netdev");
        FstabOptions.Filtered keyTimeout = FstabOptions.filter(options, false, "keyfile-timeout");
        boolean keyfileCanTimeout = keyTimeout.found();
        FstabOptions.Filtered header = FstabOptions.filter(options, false, "header");
        String headerPath = header.value();
        if (v.headerDev() == null) refuseUnnamable("header", headerPath, DeviceSpecs.Role.FILE_SYSTEM);
        FstabOptions.Filtered tmp = FstabOptions.filter(options, false, "tmp");
        if (tmp.found() && swap) throw new Refused("a volume cannot be both tmp and swap");

        String e = UnitNames.escape(name);
        String u = DeviceNodes.toUdevNode(v.device());
        String n = "systemd-cryptsetup@" + e + ".service";
        if (!UnitNames.isValid(n, false, true, false)) throw new Refused("\"" + n + "\" is not a valid unit name");
        String d = unitFromPath(u, ".device");
        if (v.keyDev() != null && keyFile == null) throw new Refused("a key device is given, but no key file on it");

        PlanBuilder.Transaction tx = plan.begin(v.origin());
        UnitFile.Builder f = UnitFile.builder(n)
                .section("Unit")
                .set("Description", "Cryptography Setup for %I")
                .set(
                        "Documentation",
                        "man:crypttab(5) man:systemd-cryptsetup-generator(8) man:systemd-cryptsetup@.service(8)");
        if (v.sourcePath() != null) f.set("SourcePath", v.sourcePath());
        f.blank()
                .set("DefaultDependencies", "no")
                .set("After", "cryptsetup-pre.target systemd-udevd-kernel.socket systemd-tpm2-setup-early.service")
                .set("Before", "blockdev@dev-mapper-%i.target")
                .set("Wants", "blockdev@dev-mapper-%i.target")
                .set("IgnoreOnIsolate", "true");
        if (netdev) f.set("After", "remote-fs-pre.target");
        if (!attachInInitrd(name, options)) f.set("Conflicts", "umount.target").set("Before", "umount.target");

        if (v.keyDev() != null) {
            String[] mount = deviceMount(
                    tx,
                    name,
                    DeviceNodes.toUdevNode(v.keyDev()),
                    "keydev",
                    keyTimeout.value(),
                    keyfileCanTimeout,
                    true);
            keyFile = Paths.join(mount[1], keyFile);
            f.set("After", mount[0]).set(keyfileCanTimeout ? "Wants" : "Requires", mount[0]);
            String umount = deviceUmount(tx, name, mount[1], "keydev");
            f.set("Wants", umount).set("Before", umount);
        }
        if (v.headerDev() != null) {
            String[] mount =
                    deviceMount(tx, name, DeviceNodes.toUdevNode(v.headerDev()), "headerdev", null, false, false);
            String path = Paths.join(mount[1], headerPath == null ? "" : headerPath);
            headerPath = path;
            String rest = FstabOptions.filter(options, false, "header").rest();
            options = rest == null || rest.isEmpty() ? "header=" + path : rest + ",header=" + path;
            f.set("After", mount[0]).set("Requires", mount[0]);
            String umount = deviceUmount(tx, name, mount[1], "headerdev");
            f.set("Wants", umount).set("Before", umount);
        }
        if (!nofail) f.set("Before", netdev ? "remote-cryptsetup.target" : "cryptsetup.target");
        if (keyFile != null && v.keyDev() == null) {
            dependencies(tx, f, v.origin(), "key file", keyFile, keyTimeout.value(), keyfileCanTimeout || nofail);
        }
        // a bare "header" (no "=PATH") names no file: nothing to wait for, as in systemd
        if (headerPath != null && v.headerDev() == null)
            dependencies(tx, f, v.origin(), "header", headerPath, null, nofail);

        if (Paths.startsWith(u, "/dev/") != null) {
            f.set("BindsTo", d).set("After", d);
        } else {
            // a loop file: load loop.ko explicitly, this may run before the device nodes exist
            mountsFor(f, v.origin(), "device", "RequiresMountsFor", u);
            f.set("Wants", "modprobe@loop.service").set("After", "modprobe@loop.service");
        }
        String filtered = DeviceDeps.writeTimeouts(tx, log, v.origin(), v.device(), name, options);

        f.section("Service")
                .set("Type", "oneshot")
                .set("RemainAfterExit", "yes")
                .set("TimeoutSec", "infinity") // systemd-cryptsetup handles its own timeouts
                .set("KeyringMode", "shared")
                .set("OOMScoreAdjust", "500")
                .set("ImportCredential", "cryptsetup.*")
                .set(
                        "ExecStart",
                        cryptsetup + " attach " + ExecArgs.quote(name) + " " + ExecArgs.quote(u) + " "
                                + ExecArgs.quote(keyFile) + " " + ExecArgs.quote(filtered))
                .set("ExecStop", cryptsetup + " detach " + ExecArgs.quote(name));
        if (tmp.found()) {
            f.set(
                    "ExecStartPost",
                    MAKEFS + " " + ExecArgs.quote(tmp.value() != null ? tmp.value() : "ext4") + " "
                            + ExecArgs.quote("/dev/mapper/" + name));
        }
        if (swap) f.set("ExecStartPost", MAKEFS + " swap " + ExecArgs.quote("/dev/mapper/" + name));
        tx.unit(f.build());

        if (!noauto) {
            tx.link(Links.dependency(
                    netdev ? "remote-cryptsetup.target" : "cryptsetup.target", nofail ? "wants" : "requires", n));
        }
        // the unit udev's /dev/mapper/NAME becomes (systemd writes "dev-mapper-" + escaped NAME,
        // which differs for a NAME starting with ".": \x2e there, "." inside a path)
        String dmname = unitFromPath("/dev/mapper/" + name, ".device");
        tx.link(Links.dependency(dmname, "requires", n));
        if (!noauto && !nofail) {
            tx.dropIn(UnitFile.builder(DropIns.path(dmname, 40, "device-timeout"))
                    .section("Unit")
                    .set("JobTimeoutSec", "infinity")
                    .build());
        }
        Optional<String> problem = tx.commit();
        if (problem.isPresent()) throw new Refused(problem.get());
    }

    /** attach_in_initrd(): x-initrd.attach, or the volume names of root and /usr. */
    static boolean attachInInitrd(String name, String options) {
        return FstabOptions.has(options, "x-initrd.attach") || name.equals("root") || name.equals("usr");
    }

    /** generate_device_mount(): {mount unit, mount point} for a key or header device. */
    private String[] deviceMount(
            PlanBuilder.Transaction tx,
            String name,
            String device,
            String type,
            String timeout,
            boolean canFail,
            boolean readOnly)
            throws Refused {
        String where = runtimeDir + "/" + type + "-" + CEscape.escape(name);
        String unit = unitFromPath(where, ".mount");
        tx.unit(UnitFile.builder(unit)
                .section("Unit")
                .set("DefaultDependencies", "no")
                .section("Mount")
                .set("What", Specifiers.escape(device))
                .set("Where", Specifiers.escape(where))
                .set("Options", (readOnly ? "ro" : "rw") + (canFail ? ",nofail" : ""))
                .build());
        if (timeout != null) keyTimeout(tx, null, device, timeout);
        return new String[] {unit, where};
    }

    /**
     * keyfile-timeout= as the device's job timeout (a 90-device-timeout.conf drop-in), for a key
     * device and for a key file that is a device. Not a time span: no drop-in and a warning.
     * systemd 257 writes the text as it is, and systemd then refuses it when it loads the drop-in
     * ("Failed to parse JobRunningTimeoutSec="): no drop-in has the same effect, without input
     * text (a "%", say) in a unit file.
     */
    private void keyTimeout(PlanBuilder.Transaction tx, Origin origin, String device, String timeout) throws Refused {
        Long t = TimeSpan.parseSecFix0(timeout);
        if (t == null) {
            log.warning(
                    origin,
                    "keyfile-timeout=" + UnitValues.sanitize(timeout)
                            + " is not a time span (expected e.g. 30s); ignored");
            return;
        }
        tx.dropIn(UnitFile.builder(DropIns.path(unitFromPath(device, ".device"), 90, "device-timeout"))
                .section("Unit")
                .set("JobRunningTimeoutSec", UnitValues.isSafe(timeout) ? timeout : TimeSpan.format(t))
                .build());
    }

    /** generate_device_umount(). */
    private String deviceUmount(PlanBuilder.Transaction tx, String name, String where, String type) throws Refused {
        String unit = type + "-" + CEscape.escape(name) + "-umount.service";
        tx.unit(UnitFile.builder(unit)
                .section("Unit")
                .set("DefaultDependencies", "no")
                .set("After", unitFromPath(where, ".mount"))
                .section("Service")
                .set("ExecStart", "-" + UMOUNT + " " + ExecArgs.word(where))
                .build());
        return unit;
    }

    /** print_dependencies(): what the key or header file needs before the unlock. */
    /** RequiresMountsFor=/WantsMountsFor= PATH, unless systemd would ignore the path (then said why). */
    private void mountsFor(UnitFile.Builder f, Origin origin, String what, String setting, String path) {
        String problem = UnitPathList.problem(path);
        if (problem != null) {
            // systemd writes it and then ignores it with a warning when it loads the unit
            log.warning(origin, setting + "= for the " + what + " \"" + path + "\" is left out: " + problem);
            return;
        }
        f.set(setting, UnitPathList.word(path));
    }

    private void dependencies(
            PlanBuilder.Transaction tx,
            UnitFile.Builder f,
            Origin origin,
            String what,
            String path,
            String timeout,
            boolean canFail)
            throws Refused {
        if (path.equals("-") || path.equals("none")) return;
        if (Paths.inSet(path, "/dev/urandom", "/dev/random", "/dev/hw_random", "/dev/hwrng")) {
            f.set("After", "systemd-random-seed.service");
            return;
        }
        String node = DeviceNodes.toUdevNode(path);
        if (Paths.equal(node, "/dev/null")) return;
        if (Paths.startsWith(node, "/dev/") != null) {
            String unit = unitFromPath(node, ".device");
            f.set("After", unit);
            if (canFail) {
                f.set("Wants", unit);
                if (timeout != null) keyTimeout(tx, origin, node, timeout);
            } else {
                f.set("Requires", unit);
            }
        } else {
            mountsFor(f, origin, what, canFail ? "WantsMountsFor" : "RequiresMountsFor", path);
        }
    }
}
