package dev.lattice.example.flags.domain;

public final class InvalidInputException extends FlagsException {

    public InvalidInputException(String message) {
        super(message);
    }
}
