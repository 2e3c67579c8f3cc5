package dev.stagehand.fetch;

/**
 * Why one attempt at a layer failed, and what that means for the next: try the same mirror
 * again after a pause (a server or network that may recover), go to the next mirror (this one
 * has the wrong file, or none), or stop (no mirror can help: the tmpfs is full).
 */
record Failure(Next next, String message) {
    enum Next { RETRY, NEXT_MIRROR, STOP }

    static Failure retry(String message) {
        return new Failure(Next.RETRY, message);
    }

    static Failure nextMirror(String message) {
        return new Failure(Next.NEXT_MIRROR, message);
    }

    static Failure stop(String message) {
        return new Failure(Next.STOP, message);
    }
}
