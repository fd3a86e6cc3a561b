package dev.lattice.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Unambiguous text forms of strings, lists and maps for cache keys (every string quoted and escaped). */
final class CanonicalText {

    private CanonicalText() {
    }

    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    static String list(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (String item : items) {
            out.append(quote(item)).append(',');
        }
        return out.append(']').toString();
    }

    static String map(Map<String, String> entries) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(entries).forEach((key, value) -> out.append(quote(key)).append(':').append(quote(value)).append(','));
        return out.append('}').toString();
    }
}
