package dev.stagehand.log;

/** One message about the input: how bad, where, and what was wrong or expected. */
public record Diagnostic(Level level, Origin origin, String message) {
    @Override
    public String toString() {
        return origin == null ? message : origin + ": " + message;
    }
}
