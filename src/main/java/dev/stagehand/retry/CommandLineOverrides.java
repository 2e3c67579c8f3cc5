package dev.stagehand.retry;

import dev.stagehand.input.Environment;
import dev.stagehand.input.KernelCommandLine;
import dev.stagehand.input.Root;
import dev.stagehand.log.Log;
import dev.stagehand.log.Origin;
import dev.stagehand.systemd.DeviceNodes;
import dev.stagehand.systemd.Strings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Words that `stagehand retry --set/--unset` puts over the kernel command line, kept in
 * /run/stagehand/cmdline-overrides so that the generator, re-run by daemon-reload, sees them.
 * One line per override: "set KEY=VALUE" (or "set KEY" for a flag) replaces every word whose
 * key is KEY; "unset KEY" removes them. Keys are compared as written, so "rd.luks.uuid" and
 * "luks.uuid" are different keys. A later override of the same key replaces an earlier one.
 */
public record CommandLineOverrides(List<Item> items) {
    public static final String PATH = "/run/stagehand/cmdline-overrides";

    /** One override: the key, and the word that replaces its words (null: they are removed). */
    public record Item(String key, String word) {
        String line() {
            return word == null ? "unset " + key : "set " + word;
        }
    }

    public CommandLineOverrides {
        items = List.copyOf(items);
    }

    public static CommandLineOverrides none() {
        return new CommandLineOverrides(List.of());
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The key of a command line word: up to the first "=". */
    public static String keyOf(String word) {
        int eq = word.indexOf('=');
        return eq < 0 ? word : word.substring(0, eq);
    }

    /** Why {@code word} cannot be an override, or null. */
    public static String problem(String word) {
        if (word.isEmpty() || keyOf(word).isEmpty()) return "expected KEY=VALUE or KEY, got \"" + word + "\"";
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\n' || c == '\r' || c == 0) return "a command line word cannot hold a line break or NUL";
        }
        if (keyOf(word).chars().anyMatch(c -> c == ' ' || c == '\t'))
            return "a key cannot hold a space: \"" + keyOf(word) + "\"";
        return null;
    }

    /** Reads the file's text; a bad line is reported with file:line and skipped. */
    public static CommandLineOverrides parse(String text, String file, Log log) {
        List<Item> out = new ArrayList<>();
        int n = 0;
        for (String raw : Strings.split(text, '\n')) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Item item = null;
            if (line.startsWith("set ")) {
                String word = line.substring(4).strip();
                if (problem(word) == null) item = new Item(keyOf(word), word);
            } else if (line.startsWith("unset ")) {
                String key = line.substring(6).strip();
                if (problem(key) == null && key.indexOf('=') < 0) item = new Item(key, null);
            }
            if (item == null) {
                log.warning(Origin.fileLine(file, n), "expected \"set KEY=VALUE\" or \"unset KEY\"; line ignored");
                continue;
            }
            out = with(out, item);
        }
        return new CommandLineOverrides(out);
    }

    private static List<Item> with(List<Item> items, Item item) {
        List<Item> out = new ArrayList<>();
        for (Item i : items) if (!i.key().equals(item.key())) out.add(i);
        out.add(item);
        return out;
    }

    public CommandLineOverrides set(String word) {
        return new CommandLineOverrides(with(items, new Item(keyOf(word), word)));
    }

    public CommandLineOverrides unset(String key) {
        return new CommandLineOverrides(with(items, new Item(key, null)));
    }

    /** The command line words with the overrides applied, in order. */
    public List<String> apply(List<String> words) {
        List<String> out = new ArrayList<>(words);
        for (Item i : items) {
            out.removeIf(w -> keyOf(w).equals(i.key()));
            if (i.word() != null) out.add(i.word());
        }
        return out;
    }

    /** The overrides below the root (none when the file is missing or unreadable). */
    public static CommandLineOverrides load(Environment env, Log log) {
        return load(env.root(), log);
    }

    /** The overrides below {@code root} (none when the file is missing or unreadable). */
    public static CommandLineOverrides load(Root root, Log log) {
        try {
            String text = root.read(PATH);
            return text == null ? none() : parse(text, PATH, log);
        } catch (IOException e) {
            log.warning(Origin.file(PATH), "cannot be read, no overrides used: " + e.getMessage());
            return none();
        }
    }

    /** The command line with the overrides applied; each one is logged, so it shows in messages. */
    public KernelCommandLine applyTo(KernelCommandLine cmdline, Log log) {
        if (items.isEmpty()) return cmdline;
        for (Item i : items) {
            log.notice(
                    Origin.file(PATH),
                    i.word() == null
                            ? "kernel command line: " + i.key() + "= removed by stagehand retry"
                            : "kernel command line: " + i.word() + " set by stagehand retry");
        }
        return cmdline.withWords(apply(cmdline.rawWords()));
    }

    /**
     * The root device the kernel command line named before an override replaced root=, or
     * null. Something may still wait for it (dracut's rootfs generator, which reads
     * /proc/cmdline on every reload, makes initrd.target want it with no time limit).
     */
    public String abandonedRoot(List<String> originalWords) {
        String before = abandonedRootValue(originalWords);
        if (before == null) return null;
        String node = DeviceNodes.toUdevNode(before);
        return node.startsWith("/dev/") ? node : null;
    }

    /**
     * The value of the last root= word of {@code originalWords} when the overrides replace or
     * remove it, else null: what dracut's hooks, which read only /proc/cmdline, still take for
     * the root. Null too when the command line could not be read ({@code originalWords} null).
     */
    public String abandonedRootValue(List<String> originalWords) {
        if (originalWords == null) return null;
        String before = lastRoot(originalWords), after = lastRoot(apply(originalWords));
        return before == null || before.equals(after) ? null : before;
    }

    private static String lastRoot(List<String> words) {
        String root = null;
        for (String w : words) if (keyOf(w).equals("root") && w.indexOf('=') > 0) root = w.substring(5);
        return root;
    }

    public String render() {
        StringBuilder b =
                new StringBuilder("# written by stagehand retry; read by stagehand-generator after /proc/cmdline\n");
        for (Item i : items) b.append(i.line()).append('\n');
        return b.toString();
    }
}
