package dev.stagehand.fetch;

/**
 * Why one attempt at a layer failed, and what that means for the next: try the same mirror
 * again after a pause (a server or network that may recover), go to the next mirror (this one
 * has the wrong file, or none), or stop (no mirror can help: the tmpfs is full).
 * {@code extracted}: tar had already written some of this file into the tmpfs (the checksum is
 * known only at its end, a truncated file only where it stops).
 */
record Failure(Next next, String message, boolean extracted) {
    enum Next {
        RETRY,
        NEXT_MIRROR,
        STOP
    }

    static Failure retry(String message) {
        return new Failure(Next.RETRY, message, false);
    }

    static Failure nextMirror(String message) {
        return new Failure(Next.NEXT_MIRROR, message, false);
    }

    static Failure stop(String message) {
        return new Failure(Next.STOP, message, false);
    }

    /** The same failure, after tar had written part of the file. */
    Failure afterExtracting() {
        return new Failure(next, message, true);
    }

    /**
     * Whether the tmpfs now holds files of a file that is not the layer's (a checksum mismatch,
     * a damaged archive) and another mirror is to be tried: those files must go first, or the
     * root would mix two versions. A retry of the same mirror extracts the same file over them.
     */
    boolean leftWrongFiles() {
        return extracted && next == Next.NEXT_MIRROR;
    }
}
