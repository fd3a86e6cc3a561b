package dev.lattice.example.flags.domain;

/** Serves a variant of a flag to a segment; lower rank is tried first. */
public record Rule(String id, String namespaceKey, String flagKey, String segmentKey, String variantKey, int rank) {
}
