package dev.lattice.example.flags.domain;

/** One possible value of a flag; the attachment is free text (often JSON) handed to the caller on a match. */
public record Variant(String key, String name, String attachment) {
}
