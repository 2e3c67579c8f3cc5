package dev.stagehand.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated unit file or drop-in, as an immutable list of lines. Values are stored as
 * they will appear (already %-escaped where systemd escapes them); the writer renders them
 * and refuses anything that could break out of its line.
 */
public record UnitFile(String path, List<Line> lines) implements Entry {
    public UnitFile {
        lines = List.copyOf(lines);
    }

    /** A line of a unit file. */
    public sealed interface Line permits Section, Setting, Comment, Blank {}

    public record Section(String name) implements Line {}

    public record Setting(String key, String value) implements Line {
        public Setting {
            UnitValues.requireSafe(key + "=", value);
        }
    }

    /** A comment; the writer escapes control characters in it. */
    public record Comment(String text) implements Line {}

    public record Blank() implements Line {}

    /** The values of every setting with this key, in order. */
    public List<String> values(String key) {
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            if (l instanceof Setting s && s.key().equals(key)) out.add(s.value());
        }
        return out;
    }

    public static Builder builder(String path) {
        return new Builder(path);
    }

    /** Builds a unit file line by line, in the order systemd writes it. */
    public static final class Builder {
        private final String path;
        private final List<Line> lines = new ArrayList<>();

        private Builder(String path) {
            this.path = path;
        }

        public Builder section(String name) {
            if (!lines.isEmpty()) lines.add(new Blank());
            lines.add(new Section(name));
            return this;
        }

        public Builder set(String key, String value) {
            lines.add(new Setting(key, value));
            return this;
        }

        public Builder comment(String text) {
            lines.add(new Comment(text));
            return this;
        }

        public Builder blank() {
            lines.add(new Blank());
            return this;
        }

        public UnitFile build() {
            return new UnitFile(path, lines);
        }
    }
}
