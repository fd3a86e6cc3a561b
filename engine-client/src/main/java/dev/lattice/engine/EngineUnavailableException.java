package dev.lattice.engine;

import dev.lattice.engine.internal.DockerConnection;

/**
 * No Docker engine answers, or the engine stopped answering during the run. The message names the endpoint tried,
 * the cause and the fix.
 */
public final class EngineUnavailableException extends LatticeException {

    /** Creates the exception for an engine that cannot be reached at all; the message names the fix. */
    public EngineUnavailableException(String detail, Throwable cause) {
        super("No Docker engine is reachable (" + detail + "). Start one with `bash scripts/docker-engine.sh`"
                + " or point DOCKER_HOST at a running engine.", cause);
    }

    private EngineUnavailableException(Throwable cause, String message) {
        super(message, cause);
    }

    /**
     * Creates the exception with a complete message, which must name the endpoint, the cause and the fix.
     *
     * @param message the whole message
     * @param cause   the failure seen, or null
     * @return the exception
     */
    public static EngineUnavailableException withMessage(String message, Throwable cause) {
        return new EngineUnavailableException(cause, message);
    }

    /**
     * Creates the exception for an engine that answered earlier in the run and no longer does.
     *
     * @param endpoint where the engine was
     * @param cause    the failure seen
     * @return the exception
     */
    public static EngineUnavailableException stoppedAnswering(DockerEndpoint endpoint, Throwable cause) {
        String message = "The Docker engine at " + endpoint.uri() + " stopped answering during the run ("
                + DockerConnection.cause(cause) + "). Check that it still runs (`docker info`), start it again"
                + " (`bash scripts/docker-engine.sh` for the local engine), then run the tests again.";
        // A step that was running when the engine went: its command and what it printed so far stay in the message.
        if (cause instanceof StepFailedException step) {
            message += "\nThe step it was running: " + step.getMessage();
        }
        return new EngineUnavailableException(cause, message);
    }
}
