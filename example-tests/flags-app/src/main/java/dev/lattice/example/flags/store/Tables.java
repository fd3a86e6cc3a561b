package dev.lattice.example.flags.store;

/** Table names, each carrying the configured prefix. */
public record Tables(String namespaces, String flags, String variants, String segments, String constraints,
                     String rules) {

    public static Tables withPrefix(String prefix) {
        return new Tables(prefix + "namespaces", prefix + "flags", prefix + "variants", prefix + "segments",
                prefix + "segment_constraints", prefix + "rules");
    }
}
