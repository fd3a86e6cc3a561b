package dev.lattice.junit.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The known name a mistyped one was most likely meant to be, for "did you mean" in error messages: the nearest by
 * edit distance, if it is near enough to be a slip of the keyboard ({@code maridb} for {@code mariadb}).
 */
public final class NearMiss {

    private NearMiss() {
    }

    /**
     * The known name nearest to the typed one, if near enough.
     *
     * @param typed what was written
     * @param known the names it may have meant
     * @return the nearest known name within one edit (two for names of six characters or more); empty if none
     */
    public static Optional<String> of(String typed, Collection<String> known) {
        int allowed = typed.length() >= 6 ? 2 : 1;
        return known.stream()
                .filter(candidate -> !candidate.equals(typed))
                .filter(candidate -> distance(typed, candidate) <= allowed)
                .min(Comparator.comparingInt((String candidate) -> distance(typed, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /**
     * The "did you mean" clause for a message.
     *
     * @param typed what was written
     * @param known the names it may have meant
     * @return such as {@code did you mean "mariadb"? }, ending in a space; empty if no known name is near
     */
    public static String hint(String typed, Collection<String> known) {
        return of(typed, known).map(near -> "did you mean \"" + near + "\"? ").orElse("");
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
