package dev.lattice.example.flags.domain;

/** An isolated space of flags, segments and rules. */
public record Namespace(String key, String name, String description) {

    public static final String DEFAULT_KEY = "default";
}
