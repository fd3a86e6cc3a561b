package dev.lattice.engine;

/** No Docker engine answers; the message says how to start one. */
public final class EngineUnavailableException extends LatticeException {

    /** Creates the exception; the message names the fix. */
    public EngineUnavailableException(String detail, Throwable cause) {
        super("No Docker engine is reachable (" + detail + "). Start one with `bash scripts/docker-engine.sh`"
                + " or point DOCKER_HOST at a running engine.", cause);
    }
}
