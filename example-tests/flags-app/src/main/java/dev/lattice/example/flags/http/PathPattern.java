package dev.lattice.example.flags.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A path such as /api/v1/namespaces/{ns}/flags/{key}; braces capture one segment. */
record PathPattern(String[] segments) {

    static PathPattern of(String pattern) {
        return new PathPattern(split(pattern));
    }

    Optional<Map<String, String>> match(String path) {
        String[] actual = split(path);
        if (actual.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> captured = new HashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String expected = segments[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                captured.put(expected.substring(1, expected.length() - 1), actual[i]);
            } else if (!expected.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(captured);
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }
}
