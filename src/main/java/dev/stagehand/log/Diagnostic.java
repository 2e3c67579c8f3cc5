package dev.stagehand.log;

/**
 * One message about the input: how bad, where, and what was wrong or expected; {@code hint}
 * says what to write instead where a message keeps that apart (null otherwise: then the
 * problem itself may end with it).
 */
public record Diagnostic(Level level, Origin origin, String problem, String hint) {
    public Diagnostic(Level level, Origin origin, String message) {
        this(level, origin, message, null);
    }

    /** The problem and the hint as one text, as logged. */
    public String message() {
        return hint == null ? problem : problem + "; " + hint;
    }

    @Override
    public String toString() {
        return origin == null ? message() : origin + ": " + message();
    }
}
