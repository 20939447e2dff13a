package dev.resolute.kernel;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "did you mean" hints by edit distance. */
final class DidYouMean {
    private DidYouMean() {
    }

    /** The closest candidate, if it is close enough to be a plausible typo. */
    static Optional<String> closest(String input, Collection<String> candidates) {
        return candidates.stream()
                .filter(c -> distance(input, c) <= Math.max(2, Math.min(input.length(), c.length()) / 4))
                .min(Comparator.comparingInt((String c) -> distance(input, c)).thenComparing(c -> c));
    }

    /** {@code "; did you mean \"x\"?"} or the empty string. */
    static String hint(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> "; did you mean \"" + c + "\"?").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
