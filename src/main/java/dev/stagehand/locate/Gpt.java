package dev.stagehand.locate;

import java.util.List;

/**
 * A disk's GUID partition table as read: the used entries, which header they came from, and
 * what was wrong with the primary when the backup was used.
 *
 * @param header        PRIMARY or BACKUP
 * @param primaryDamage why the primary was not used (null when it was)
 */
public record Gpt(int blockSize, Header header, String primaryDamage, String diskGuid, List<GptEntry> entries) {
    public enum Header {
        PRIMARY,
        BACKUP
    }

    public Gpt {
        entries = List.copyOf(entries);
    }

    /** The entry of partition number n, or null. */
    public GptEntry entry(int n) {
        for (GptEntry e : entries) if (e.number() == n) return e;
        return null;
    }

    /** "the primary header" or "the backup header (the primary: header CRC ...)". */
    public String source() {
        return header == Header.PRIMARY ? "primary header" : "backup header (primary: " + primaryDamage + ")";
    }
}
