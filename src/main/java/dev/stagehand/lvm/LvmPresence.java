package dev.stagehand.lvm;

import dev.stagehand.input.Root;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * What in the initrd's file system shows that LVM is in play there: something that activates
 * volume groups. A device name alone does not: /dev/mapper/NAME-WITH-DASH is as often a LUKS
 * volume, and a group that nothing in the initrd can activate is no link of the root's chain.
 *
 * <p>Where the initrd builders put LVM: dracut's 90lvm installs lvm where the host has it
 * (inst_multiple: /usr/sbin/lvm, /sbin/lvm before the /usr merge), its scan as /sbin/lvm_scan,
 * its own 64-lvm.rules, lvm2's 11-dm-lvm.rules (Debian's name: 56-lvm.rules) into the udev rules
 * folder (/usr/lib/udev or /lib/udev), and lvm.conf and lvmlocal.conf in a host-only image.
 * NixOS's systemd stage 1 (boot.initrd.services.lvm) links lvm into /bin and /sbin (initrdBin)
 * and lvm2's rules (11-dm-lvm.rules, 69-dm-lvm.rules) into /etc/udev/rules.d. initramfs-tools'
 * and mkinitcpio's hooks copy /sbin/lvm and lvm2's rules (Debian: 56-lvm.rules, 69-lvm.rules;
 * lvm2 before 2.03.14 had 69-dm-lvm-metad.rules). A symbolic link counts even when its target
 * is not below the root: an unpacked NixOS initrd links into /nix/store.
 */
final class LvmPresence {
    static final String[] TOOL_DIRS = {"/usr/sbin", "/sbin", "/usr/bin", "/bin"};
    static final String[] TOOLS = {"lvm", "lvm_scan"};
    static final String[] RULE_DIRS = {"/usr/lib/udev/rules.d", "/lib/udev/rules.d", "/etc/udev/rules.d"};
    static final String[] RULES = {
        "11-dm-lvm.rules",
        "56-lvm.rules",
        "64-lvm.rules",
        "69-dm-lvm.rules",
        "69-lvm.rules",
        "69-dm-lvm-metad.rules",
        "69-lvm-metad.rules"
    };

    /** What the initrd is said to lack when none of it is there. */
    static final String NONE = "no rd.lvm.lv=/rd.lvm.vg=, no lvm.conf, no lvm tool or LVM udev rule";

    private LvmPresence() {}

    /** The first file below {@code root} that shows LVM in the initrd, or null. */
    static String find(Root root) {
        for (String f : LvmVolumes.CONF) if (present(root, f)) return f;
        for (String dir : TOOL_DIRS) for (String t : TOOLS) if (present(root, dir + "/" + t)) return dir + "/" + t;
        for (String dir : RULE_DIRS) for (String r : RULES) if (present(root, dir + "/" + r)) return dir + "/" + r;
        return null;
    }

    private static boolean present(Root root, String logical) {
        Path p = root.host(logical);
        return p != null && Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
