package dev.stagehand.graph;

import dev.stagehand.log.Origin;

/**
 * An encrypted volume to unlock: {@code device} (as written: a path or UUID=...) becomes
 * /dev/mapper/{@code name}.
 *
 * @param sourcePath SourcePath= of the unit: the crypttab, or /proc/cmdline
 * @param keyFile    key file (on keyDev when that is set), "-"/"none" or null for a passphrase
 * @param keyDev     device holding the key file, mounted read-only for the unlock, or null
 * @param headerDev  device holding a detached header, or null
 * @param options    crypttab options, or null
 */
public record CryptVolume(Origin origin, String sourcePath, String name, String device, String keyFile,
        String keyDev, String headerDev, String options) implements StorageNode {
    public String mapperPath() {
        return "/dev/mapper/" + name;
    }
}
