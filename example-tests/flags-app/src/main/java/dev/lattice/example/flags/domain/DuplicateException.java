package dev.lattice.example.flags.domain;

public final class DuplicateException extends FlagsException {

    public DuplicateException(String message) {
        super(message);
    }
}
