package dev.lattice.example.flags.domain;

/** A request the service refuses; each subtype maps to one HTTP status and one gRPC status. */
public abstract sealed class FlagsException extends RuntimeException
        permits InvalidInputException, NotFoundException, DuplicateException {

    protected FlagsException(String message) {
        super(message);
    }
}
