package dev.stagehand.hooks;

import dev.stagehand.log.Origin;
import java.util.List;

/**
 * One legacy hook script that will run: its point, its file name (the name initramfs-tools'
 * PREREQ lines and [Hooks] Optional= use), its path in the initrd, and what it said it needs.
 */
public record HookScript(HookPoint point, String name, String path, Origin origin, List<String> prereqs) {
    public HookScript {
        prereqs = List.copyOf(prereqs);
    }

    /** "local-top/foo", "nixos/postDeviceCommands". */
    public String hookName() {
        return point.hookName(name);
    }
}
