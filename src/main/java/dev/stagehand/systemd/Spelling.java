package dev.stagehand.systemd;

import java.util.Collection;

/**
 * "Did you mean ...?" for a misspelt name, as systemd's strv_find_closest(): a known name that
 * starts with what was written (the shortest such), else the nearest by edit distance
 * (strlevenshtein(): insertions, deletions, substitutions and swaps of two neighbours), and
 * nothing when even the nearest is too far off to be a helpful guess.
 */
public final class Spelling {
    /** systemd's limit: a suggestion further off than this is a bad suggestion. */
    static final int MAX_DISTANCE = 5;

    private Spelling() {}

    /** The known name the writer most likely meant, or null. */
    public static String closest(String written, Collection<String> known) {
        if (written == null || written.isEmpty()) return null;
        String best = null;
        for (String k : known) {
            if (k.startsWith(written) && !k.equals(written) && (best == null || k.length() < best.length())) best = k;
        }
        if (best != null) return best;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(written, k);
            // also never more than half the word: "Foo" is no misspelling of "Budget"
            if (d > MAX_DISTANCE || 2 * d >= written.length()) continue;
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    /** "did you mean NAME?" (NAME shown with {@code suffix}, e.g. "="), or null when there is no good guess. */
    public static String didYouMean(String written, Collection<String> known, String suffix) {
        String c = closest(written, known);
        return c == null ? null : "did you mean " + c + suffix + "?";
    }

    /** The edit distance with swaps of neighbours (optimal string alignment), as strlevenshtein(). */
    public static int distance(String x, String y) {
        int xl = x.length(), yl = y.length();
        if (xl == 0) return yl;
        if (yl == 0) return xl;
        int[] before = new int[yl + 1], prev = new int[yl + 1], cur = new int[yl + 1];
        for (int j = 0; j <= yl; j++) prev[j] = j;
        for (int i = 0; i < xl; i++) {
            cur[0] = i + 1;
            for (int j = 0; j < yl; j++) {
                int d = prev[j] + (x.charAt(i) == y.charAt(j) ? 0 : 1);
                if (i > 0 && j > 0 && x.charAt(i - 1) == y.charAt(j) && x.charAt(i) == y.charAt(j - 1))
                    d = Math.min(d, before[j - 1] + 1);
                d = Math.min(d, prev[j + 1] + 1);
                d = Math.min(d, cur[j] + 1);
                cur[j + 1] = d;
            }
            int[] t = before;
            before = prev;
            prev = cur;
            cur = t;
        }
        return prev[yl];
    }
}
