package dev.lattice.service;

import dev.lattice.engine.LatticeException;

/** A service did not start or did not become ready; the message says which check, how long, and the logs. */
public final class ServiceStartException extends LatticeException {

    /**
     * Creates the exception.
     *
     * @param message what failed, how the container ended and its last log lines
     * @param cause the underlying failure, if any
     */
    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
