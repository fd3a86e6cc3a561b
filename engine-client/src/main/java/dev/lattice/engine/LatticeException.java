package dev.lattice.engine;

/** Base of every exception the engine raises. */
public class LatticeException extends RuntimeException {

    /** Creates an exception with a message that says what failed and what to do. */
    public LatticeException(String message) {
        super(message);
    }

    /** Creates an exception with a message and its cause. */
    public LatticeException(String message, Throwable cause) {
        super(message, cause);
    }
}
