package dev.lattice.example.flags.domain;

import java.util.Locale;

/** How a segment combines its constraints. */
public enum MatchType {
    ALL,
    ANY;

    /** Reads a match type; blank means ALL. */
    public static MatchType parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("matchType must be ALL or ANY, got '" + text + "'");
        }
    }
}
