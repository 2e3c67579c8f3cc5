package dev.stagehand.crypt;

import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.Paths;

/**
 * A key or header location, "FILE[:DEVICE]" (split_locationspec()): the part after the last
 * colon is a device if it names one (an absolute path or LABEL=/UUID=/...), otherwise the
 * colon belongs to the file name. The device is kept as written (its udev path is
 * {@link DeviceNodes#toUdevNode}'s), so that a refusal can show what was written.
 */
record LocationSpec(String file, String device) {
    static LocationSpec parse(String spec) {
        if (spec == null) return new LocationSpec(null, null);
        int c = spec.lastIndexOf(':');
        if (c >= 0) {
            String device = spec.substring(c + 1);
            if (Paths.isAbsolute(DeviceNodes.toUdevNode(device))) return new LocationSpec(spec.substring(0, c), device);
        }
        return new LocationSpec(spec, null);
    }
}
