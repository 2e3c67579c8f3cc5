package dev.stagehand.locate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A block device's sysfs uevent file (KEY=VALUE lines): DEVNAME=vda7, DEVTYPE=partition,
 * PARTN=7, PARTNAME=system. The kernel's PARTNAME is the low byte of each UTF-16 unit of the GPT
 * name, '!' for one it cannot print (efi.c utf16_le_to_7bit): exact only for printable ASCII.
 */
public record Uevent(Map<String, String> values) {
    /** A uevent file is a few hundred bytes; more is not one. */
    static final int MAX_BYTES = 16384;

    public Uevent {
        values = Map.copyOf(values);
    }

    public static Uevent parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
        }
        return new Uevent(m);
    }

    /** The file's first 16 KiB, as Latin-1 (byte per char: PARTNAME's high bytes stay what they were). */
    public static Uevent read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new String(in.readNBytes(MAX_BYTES), StandardCharsets.ISO_8859_1));
        }
    }

    public String devName() {
        return values.get("DEVNAME");
    }

    public boolean isPartition() {
        return "partition".equals(values.get("DEVTYPE"));
    }

    public boolean isDisk() {
        return "disk".equals(values.get("DEVTYPE"));
    }

    /** PARTN=, or 0 when missing or not a number from 1 to 65535. */
    public int partitionNumber() {
        String s = values.get("PARTN");
        if (s == null || !s.matches("[0-9]{1,5}")) return 0;
        int n = Integer.parseInt(s);
        return n <= 65535 ? n : 0;
    }

    /** PARTNAME=, or null. */
    public String partitionName() {
        return values.get("PARTNAME");
    }
}
