package dev.lattice.example.flags.domain;

import java.util.regex.Pattern;

/** Validation of user-chosen keys and texts, shared by every transport. */
public final class Keys {

    public static final int MAX_KEY_LENGTH = 128;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_KEY_LENGTH + "}");

    private Keys() {
    }

    public static String require(String what, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInputException(what + " must be 1-" + MAX_KEY_LENGTH
                    + " letters, digits, '-' or '_'; got '" + key + "'");
        }
        return key;
    }

    public static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    public static String requireText(String what, String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidInputException(what + " must not be empty");
        }
        return text;
    }
}
