package dev.stagehand.locate;

/**
 * One used GPT entry. {@code number} is its 1-based index in the entries array, which is the
 * kernel's partition number (PARTN=, the N of vdaN); LBAs are in the disk's logical blocks.
 */
public record GptEntry(int number, String typeGuid, String uniqueGuid, long firstLba, long lastLba, String name) {}
