package dev.stagehand.crypt;

import dev.stagehand.systemd.FstabOptions;

/**
 * filter_header_device(): a "header=FILE:DEVICE" option names a device to mount for the
 * header; the options keep "header=FILE" (moved to the end, as systemd does).
 */
record HeaderSplit(String options, String headerDev) {
    static HeaderSplit of(String options) {
        FstabOptions.Filtered f = FstabOptions.filter(options, false, "header");
        if (!f.found()) return new HeaderSplit(f.rest(), null);
        LocationSpec spec = LocationSpec.parse(f.value());
        String rest = f.rest();
        String file = spec.file() == null ? "" : spec.file();
        String opts = rest == null || rest.isEmpty() ? "header=" + file : rest + ",header=" + file;
        return new HeaderSplit(opts, spec.device());
    }
}
