package dev.lattice.example.flags.domain;

public enum Reason {
    MATCH,
    NO_MATCH,
    FLAG_DISABLED
}
