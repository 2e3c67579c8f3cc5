package dev.stagehand.hooks;

import java.util.ArrayList;
import java.util.List;

/**
 * The points where legacy hooks run, and where each sits in a systemd initrd (docs/hooks.md
 * has the table and the reasons). The points of one family form a chain in this
 * order: each unit is ordered after, and requires, the one before it that has scripts.
 */
public enum HookPoint {
    // initramfs-tools: init → init-top → (modules) → init-premount → local-top → wait for the
    // root device, local-block every second → local-premount → fsck, mount → local-bottom →
    // init-bottom → run-init
    INIT_TOP(
            Family.INITRAMFS_TOOLS,
            "init-top",
            List.of("systemd-udevd.service", "systemd-udev-trigger.service"),
            List.of("sysinit.target", "initrd-root-device.target"),
            List.of(),
            List.of("sysinit.target", "initrd-root-device.target")),
    INIT_PREMOUNT(
            Family.INITRAMFS_TOOLS,
            "init-premount",
            List.of("systemd-udev-trigger.service", "systemd-modules-load.service"),
            List.of("cryptsetup-pre.target", "dracut-initqueue.service", "initrd-root-device.target"),
            List.of("cryptsetup-pre.target"),
            List.of("initrd-root-device.target")),
    LOCAL_TOP(
            Family.INITRAMFS_TOOLS,
            "local-top",
            List.of("systemd-udev-trigger.service"),
            List.of("cryptsetup-pre.target", "dracut-initqueue.service", "initrd-root-device.target"),
            List.of("cryptsetup-pre.target"),
            List.of("initrd-root-device.target")),
    LOCAL_BLOCK(
            Family.INITRAMFS_TOOLS,
            "local-block",
            List.of("systemd-udev-trigger.service"),
            List.of("initrd-root-device.target"),
            List.of(),
            List.of("initrd-root-device.target")),
    LOCAL_PREMOUNT(
            Family.INITRAMFS_TOOLS,
            "local-premount",
            List.of("initrd-root-device.target"),
            List.of("systemd-fsck-root.service", "sysroot.mount", "initrd-root-fs.target"),
            List.of(),
            List.of("sysroot.mount", "initrd-root-fs.target")),
    LOCAL_BOTTOM(
            Family.INITRAMFS_TOOLS,
            "local-bottom",
            List.of("initrd-root-fs.target", "initrd-usr-fs.target"),
            List.of("initrd-fs.target"),
            List.of(),
            List.of("initrd-fs.target")),
    INIT_BOTTOM(
            Family.INITRAMFS_TOOLS,
            "init-bottom",
            List.of("initrd-root-fs.target", "initrd-usr-fs.target", "initrd-fs.target"),
            List.of("initrd.target", "initrd-cleanup.service"),
            List.of(),
            List.of("initrd.target")),

    // NixOS' scripted stage 1 (stage-1-init.sh): modules → preDeviceCommands → udevd, trigger,
    // settle → preLVMCommands → LUKS (preLVM) → lvm vgchange → postDeviceCommands → resume →
    // postResumeCommands → mount root and the file systems needed for boot → postMountCommands
    // → switch_root; fail() runs preFailCommands before its prompt
    NIXOS_PRE_DEVICE(
            Family.NIXOS,
            "preDeviceCommands",
            List.of("systemd-modules-load.service", "systemd-tmpfiles-setup-dev.service"),
            List.of(
                    "systemd-udevd.service",
                    "systemd-udev-trigger.service",
                    "sysinit.target",
                    "initrd-root-device.target"),
            List.of(),
            List.of("sysinit.target", "initrd-root-device.target")),
    NIXOS_PRE_LVM(
            Family.NIXOS,
            "preLVMCommands",
            List.of("systemd-udev-trigger.service"),
            List.of("cryptsetup-pre.target", "dracut-initqueue.service", "initrd-root-device.target"),
            List.of("cryptsetup-pre.target"),
            List.of("initrd-root-device.target")),
    NIXOS_POST_DEVICE(
            Family.NIXOS,
            "postDeviceCommands",
            List.of("systemd-udev-trigger.service", "cryptsetup.target"),
            List.of("initrd-root-device.target"),
            List.of(),
            List.of("initrd-root-device.target")),
    NIXOS_POST_RESUME(
            Family.NIXOS,
            "postResumeCommands",
            List.of("initrd-root-device.target", "systemd-hibernate-resume.service"),
            List.of("systemd-fsck-root.service", "sysroot.mount", "initrd-root-fs.target"),
            List.of(),
            List.of("sysroot.mount", "initrd-root-fs.target")),
    NIXOS_POST_MOUNT(
            Family.NIXOS,
            "postMountCommands",
            List.of("initrd-root-fs.target", "initrd-usr-fs.target", "initrd-fs.target"),
            List.of("initrd.target", "initrd-cleanup.service"),
            List.of(),
            List.of("initrd.target")),
    NIXOS_PRE_FAIL(Family.NIXOS, "preFailCommands", List.of(), List.of("emergency.service"), List.of(), List.of());

    /** Who wrote the scripts, and so where they live and what they expect. */
    public enum Family {
        INITRAMFS_TOOLS,
        NIXOS
    }

    public final Family family;
    /** The stage folder name (initramfs-tools) or the command list's name (NixOS). */
    public final String stage;

    private final List<String> after;
    private final List<String> before;
    private final List<String> wants;
    private final List<String> requiredBy;

    HookPoint(
            Family family,
            String stage,
            List<String> after,
            List<String> before,
            List<String> wants,
            List<String> requiredBy) {
        this.family = family;
        this.stage = stage;
        this.after = after;
        this.before = before;
        this.wants = wants;
        this.requiredBy = requiredBy;
    }

    /** "local-top", "nixos/postDeviceCommands": the point as `stagehand hook run` takes it. */
    public String id() {
        return family == Family.NIXOS ? "nixos/" + stage : stage;
    }

    /** The unit instance: "local-top", "nixos-postDeviceCommands" (fixed names, valid as they are). */
    public String instance() {
        return family == Family.NIXOS ? "nixos-" + stage : stage;
    }

    public String unitName() {
        return "stagehand-hook@" + instance() + ".service";
    }

    /** The name of one script of this point as [Hooks] Optional= and the messages write it. */
    public String hookName(String script) {
        return family == Family.NIXOS ? id() : stage + "/" + script;
    }

    public List<String> after() {
        return after;
    }

    public List<String> before() {
        return before;
    }

    public List<String> wants() {
        return wants;
    }

    /** Units that get a .requires/ link to this point's unit. */
    public List<String> requiredBy() {
        return requiredBy;
    }

    /** preFailCommands belong to emergency mode: pulled in by it, never a cause of it. */
    public boolean isFailureHook() {
        return this == NIXOS_PRE_FAIL;
    }

    /**
     * Points whose scripts run more than once by design: local-block is called every second
     * while the root device is missing, preFailCommands each time emergency mode is entered.
     * They keep no done-markers.
     */
    public boolean runsRepeatedly() {
        return this == LOCAL_BLOCK || this == NIXOS_PRE_FAIL;
    }

    /** The points before the root device wait, after which stagehand-rootwait starts its budget. */
    public boolean precedesRootWait() {
        return this == INIT_TOP
                || this == INIT_PREMOUNT
                || this == LOCAL_TOP
                || this == NIXOS_PRE_DEVICE
                || this == NIXOS_PRE_LVM;
    }

    /**
     * initramfs-tools' init mounts ${ROOT} after these (local_mount_root: local-top, the
     * local-block loop, local-premount, then mount), sourcing /conf/param.conf after each.
     */
    public boolean precedesRootMount() {
        return this == INIT_TOP
                || this == INIT_PREMOUNT
                || this == LOCAL_TOP
                || this == LOCAL_BLOCK
                || this == LOCAL_PREMOUNT;
    }

    /** The chain this point belongs to (preFailCommands stands alone). */
    public List<HookPoint> chain() {
        List<HookPoint> out = new ArrayList<>();
        if (isFailureHook()) return out;
        for (HookPoint p : values()) {
            if (p.family == family && !p.isFailureHook()) out.add(p);
        }
        return out;
    }

    public static HookPoint byId(String id) {
        for (HookPoint p : values()) {
            if (p.id().equals(id)) return p;
        }
        return null;
    }

    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (HookPoint p : values()) out.add(p.id());
        return out;
    }
}
