package dev.lattice.example.flags.domain;

public final class NotFoundException extends FlagsException {

    public NotFoundException(String message) {
        super(message);
    }
}
