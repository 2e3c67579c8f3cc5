package dev.stagehand.graph;

import dev.stagehand.log.Origin;
import java.util.List;

/**
 * An encrypted volume to unlock: {@code device} (as written: a path or UUID=...) becomes
 * /dev/mapper/{@code name}.
 *
 * @param sourcePath SourcePath= of the unit: the crypttab, or /proc/cmdline
 * @param keyFile    key file (on keyDev when that is set), "-"/"none" or null for a passphrase
 * @param keyDev     device holding the key file (as written: a path or LABEL=...), mounted read-only for the unlock, or null
 * @param headerDev  device holding a detached header (as written), or null
 * @param options    crypttab options, or null
 * @param fallbackFor for a volume named on the command line that crypttab lines also name:
 *                    the origins of those lines; this one is unlocked only if none of them could
 *                    be planned (systemd then retries it from the command line); else empty
 */
public record CryptVolume(
        Origin origin,
        String sourcePath,
        String name,
        String device,
        String keyFile,
        String keyDev,
        String headerDev,
        String options,
        List<Origin> fallbackFor)
        implements StorageNode {
    public CryptVolume {
        fallbackFor = List.copyOf(fallbackFor);
    }

    public String mapperPath() {
        return "/dev/mapper/" + name;
    }
}
