package dev.stagehand.fstab;

import dev.stagehand.input.Environment;
import dev.stagehand.systemd.Booleans;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * efi_measured_uki(): whether systemd-stub measured the kernel into PCR 11, which
 * x-systemd.pcrfs needs. SYSTEMD_FORCE_MEASURE overrides, as in systemd.
 */
final class MeasuredBoot {
    private static final String VARIABLE =
            "/sys/firmware/efi/efivars/StubPcrKernelImage-4a67b082-0a4c-41cf-b6c7-440b29bb8c4f";

    private MeasuredBoot() {}

    static boolean measuredUki(Environment env) {
        Boolean forced = Booleans.parse(env.get("SYSTEMD_FORCE_MEASURE"));
        if (forced != null) return forced;
        Path p = env.root().host(VARIABLE);
        if (p == null || !Files.isRegularFile(p)) return false;
        try {
            byte[] b = Files.readAllBytes(p);
            if (b.length < 4) return false;
            // 4 bytes of attributes, then a UTF-16LE string
            String pcr = new String(b, 4, b.length - 4, StandardCharsets.UTF_16LE)
                    .replace("\0", "")
                    .trim();
            return pcr.equals("11");
        } catch (IOException e) {
            return false;
        }
    }
}
