package dev.stagehand.systemd;

import java.util.ArrayList;
import java.util.List;

/**
 * systemd's extract_first_word(): splits a string into words with optional quoting and
 * escaping. Strings are byte strings (one char per byte, ISO-8859-1), as in C.
 *
 * <p>Only the flag combinations systemd uses for the inputs we read are needed, but the
 * state machine is the general one so each caller just names its flags.
 */
public final class Words {
    public static final int RELAX = 1;
    public static final int CUNESCAPE = 1 << 1;
    public static final int UNESCAPE_RELAX = 1 << 2;
    public static final int UNESCAPE_SEPARATORS = 1 << 3;
    public static final int KEEP_QUOTE = 1 << 4;
    public static final int UNQUOTE = 1 << 5;
    public static final int DONT_COALESCE_SEPARATORS = 1 << 6;
    public static final int RETAIN_ESCAPE = 1 << 7;

    public static final String WHITESPACE = " \t\n\r";

    /** Raised where systemd returns -EINVAL (unbalanced quotes, bad escapes). */
    public static final class BadWordException extends Exception {
        private static final long serialVersionUID = 1L;

        BadWordException(String message) {
            super(message);
        }
    }

    private final String input;
    private final String separators;
    private final int flags;
    private int pos; // -1 once the end was reached (systemd sets *p = NULL)

    public Words(String input, String separators, int flags) {
        this.input = input;
        this.separators = separators == null ? WHITESPACE : separators;
        this.flags = flags;
        this.pos = 0;
    }

    /** What is left after the words extracted so far ("" when all was consumed). */
    public String rest() {
        return pos < 0 ? "" : input.substring(pos);
    }

    private char at(int i) {
        return i < input.length() ? input.charAt(i) : 0;
    }

    private boolean isSeparator(char c) {
        return c != 0 && separators.indexOf(c) >= 0;
    }

    private boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The next word, or null when there is none. */
    public String next() throws BadWordException {
        if (pos < 0) {
            return null;
        }
        StringBuilder s = null;
        char quote = 0;
        boolean backslash = false;

        if (has(DONT_COALESCE_SEPARATORS)) {
            s = new StringBuilder();
        }
        // skip leading separators
        for (; ; pos++) {
            char c = at(pos);
            if (c == 0) {
                return finishTerminate(s);
            } else if (isSeparator(c)) {
                if (has(DONT_COALESCE_SEPARATORS)) {
                    pos++;
                    return s.toString();
                }
            } else {
                if (s == null) {
                    s = new StringBuilder();
                }
                break;
            }
        }

        for (; ; pos++) {
            char c = at(pos);
            if (backslash) {
                if (c == 0) {
                    if (has(UNESCAPE_RELAX) && (quote == 0 || has(RELAX))) {
                        s.append('\\');
                        return finishTerminate(s);
                    }
                    if (has(RELAX)) {
                        return finishTerminate(s);
                    }
                    throw new BadWordException("trailing backslash");
                }
                if (has(CUNESCAPE | UNESCAPE_SEPARATORS)) {
                    CEscape.Unescaped u = has(CUNESCAPE) ? CEscape.unescapeOne(input, pos) : null;
                    if (u != null) {
                        pos += u.consumed() - 1;
                        if (u.eightBit()) {
                            s.append((char) (u.codePoint() & 0xff));
                        } else {
                            Utf8.appendEncoded(s, u.codePoint());
                        }
                    } else if (has(UNESCAPE_SEPARATORS) && (isSeparator(c) || c == '\\')) {
                        s.append(c);
                    } else if (has(UNESCAPE_RELAX)) {
                        s.append('\\').append(c);
                    } else {
                        throw new BadWordException("unknown escape sequence");
                    }
                } else {
                    s.append(c);
                }
                backslash = false;
            } else if (quote != 0) {
                for (; ; pos++) {
                    c = at(pos);
                    if (c == 0) {
                        if (has(RELAX)) {
                            return finishTerminate(s);
                        }
                        throw new BadWordException("unbalanced quotes");
                    } else if (c == quote) {
                        quote = 0;
                        if (has(UNQUOTE)) {
                            break;
                        }
                    } else if (c == '\\' && !has(RETAIN_ESCAPE)) {
                        backslash = true;
                        break;
                    }
                    s.append(c);
                    if (quote == 0) {
                        break;
                    }
                }
            } else {
                for (; ; pos++) {
                    c = at(pos);
                    if (c == 0) {
                        return finishTerminate(s);
                    } else if ((c == '\'' || c == '"') && has(KEEP_QUOTE | UNQUOTE)) {
                        quote = c;
                        if (has(UNQUOTE)) {
                            break;
                        }
                    } else if (c == '\\' && !has(RETAIN_ESCAPE)) {
                        backslash = true;
                        break;
                    } else if (isSeparator(c)) {
                        if (has(DONT_COALESCE_SEPARATORS)) {
                            pos++;
                            return s.toString();
                        }
                        for (; ; pos++) {
                            c = at(pos);
                            if (c == 0) {
                                return finishTerminate(s);
                            }
                            if (!isSeparator(c)) {
                                break;
                            }
                        }
                        return s.toString();
                    }
                    s.append(c);
                    if (quote != 0) {
                        break;
                    }
                }
            }
        }
    }

    private String finishTerminate(StringBuilder s) {
        pos = -1;
        return s == null ? null : s.toString();
    }

    /** strv_split_full(): all words of a string. */
    public static List<String> split(String input, String separators, int flags) throws BadWordException {
        Words w = new Words(input, separators, flags);
        List<String> out = new ArrayList<>();
        for (String word; (word = w.next()) != null; ) {
            out.add(word);
        }
        return out;
    }
}
