package dev.lattice.example.flags.store;

/** The database failed; not the caller's fault. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
