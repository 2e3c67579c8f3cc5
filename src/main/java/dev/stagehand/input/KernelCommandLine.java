package dev.stagehand.input;

import dev.stagehand.systemd.Latin1;
import dev.stagehand.systemd.Words;
import java.util.ArrayList;
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

    /** One word: key and value (null for a bare "key"), and the key as written (with "rd."). */
    public record Word(String key, String value, String writtenKey) {
        public Word(String key, String value) {
            this(key, value, key);
        }

        public String text() {
            return value == null ? key : key + "=" + value;
        }
    }

    private final List<String> words;
    private final boolean inInitrd;

    public KernelCommandLine(String text, boolean inInitrd) {
        List<String> w;
        try {
            w = Words.split(Latin1.cString(text), null, Words.UNQUOTE | Words.RELAX | Words.RETAIN_ESCAPE);
        } catch (Words.BadWordException e) {
            throw new IllegalStateException("RELAX never fails", e);
        }
        this.words = List.copyOf(w);
        this.inInitrd = inInitrd;
    }

    private KernelCommandLine(List<String> words, boolean inInitrd) {
        this.words = List.copyOf(words);
        this.inInitrd = inInitrd;
    }

    /** The same command line with other words (e.g. after the overrides of `stagehand retry`). */
    public KernelCommandLine withWords(List<String> newWords) {
        return new KernelCommandLine(newWords, inInitrd);
    }

    public boolean inInitrd() {
        return inInitrd;
    }

    /** The words as systemd's parse callbacks see them, in order, with rd. rules applied. */
    public List<Word> words(int flags) {
        List<Word> out = new ArrayList<>();
        for (String w : words) {
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
            out.add(eq < 0 ? new Word(key, null, written) : new Word(key.substring(0, eq), key.substring(eq + 1), written));
        }
        return out;
    }

    public List<String> rawWords() {
        return words;
    }
}
