package dev.stagehand.input;

import dev.stagehand.log.Origin;
import dev.stagehand.systemd.Latin1;
import dev.stagehand.systemd.Words;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The kernel command line split into words as systemd's proc_cmdline does: quotes group
 * words and are removed ("a b" → a b), backslashes are kept as they are, and unbalanced
 * quotes are tolerated. Words prefixed "rd." are for the initrd only.
 */
public final class KernelCommandLine {
    /** Keep "rd." words only in the initrd, and strip the prefix (PROC_CMDLINE_STRIP_RD_PREFIX). */
    public static final int STRIP_RD_PREFIX = 1;
    /** In the initrd, ignore words without "rd." (PROC_CMDLINE_RD_STRICT). */
    public static final int RD_STRICT = 2;

    /**
     * One word: key and value (null for a bare "key"), the key as written (with "rd."), and
     * where it was written when not in /proc/cmdline (a line of dracut's command line files).
     */
    public record Word(String key, String value, String writtenKey, Origin file) {
        public Word(String key, String value) {
            this(key, value, key, null);
        }

        public String text() {
            return value == null ? key : key + "=" + value;
        }

        /** Where the word is, for a message: its file and line, else the kernel command line; {@code detail} names it. */
        public Origin origin(String detail) {
            return file == null ? Origin.cmdline(detail) : Origin.cmdlineFile(file.file(), file.line(), detail);
        }
    }

    private final List<String> words;
    /** Per word: the file line it came from, or null for /proc/cmdline. */
    private final List<Origin> files;

    private final boolean inInitrd;

    public KernelCommandLine(String text, boolean inInitrd) {
        List<String> w = split(text);
        this.words = List.copyOf(w);
        this.files = Collections.nCopies(words.size(), null);
        this.inInitrd = inInitrd;
    }

    private KernelCommandLine(List<String> words, List<Origin> files, boolean inInitrd) {
        this.words = List.copyOf(words);
        this.files = Collections.unmodifiableList(new ArrayList<>(files));
        this.inInitrd = inInitrd;
    }

    /** Splits one line of a command line file as the kernel command line is split. */
    public static List<String> split(String line) {
        try {
            return Words.split(Latin1.cString(line), null, Words.UNQUOTE | Words.RELAX | Words.RETAIN_ESCAPE);
        } catch (Words.BadWordException e) {
            throw new IllegalStateException("RELAX never fails", e);
        }
    }

    /** This command line between {@code before} and {@code after}, words each with the file line it came from. */
    public KernelCommandLine between(
            List<String> before, List<Origin> beforeFiles, List<String> after, List<Origin> afterFiles) {
        List<String> w = new ArrayList<>(before);
        w.addAll(words);
        w.addAll(after);
        List<Origin> f = new ArrayList<>(beforeFiles);
        f.addAll(files);
        f.addAll(afterFiles);
        return new KernelCommandLine(w, f, inInitrd);
    }

    /** The same command line with other words (e.g. after the overrides of `stagehand retry`). */
    public KernelCommandLine withWords(List<String> newWords) {
        return new KernelCommandLine(newWords, Collections.nCopies(newWords.size(), null), inInitrd);
    }

    public boolean inInitrd() {
        return inInitrd;
    }

    /** The words as systemd's parse callbacks see them, in order, with rd. rules applied. */
    public List<Word> words(int flags) {
        List<Word> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String key = w;
            if (w.startsWith("rd.")) {
                if (!inInitrd) continue;
                if ((flags & STRIP_RD_PREFIX) != 0) key = w.substring(3);
            } else if ((flags & RD_STRICT) != 0 && inInitrd) {
                continue;
            }
            int eq = key.indexOf('=');
            int weq = w.indexOf('=');
            String written = weq < 0 ? w : w.substring(0, weq);
            out.add(
                    eq < 0
                            ? new Word(key, null, written, files.get(i))
                            : new Word(key.substring(0, eq), key.substring(eq + 1), written, files.get(i)));
        }
        return out;
    }

    public List<String> rawWords() {
        return words;
    }
}
