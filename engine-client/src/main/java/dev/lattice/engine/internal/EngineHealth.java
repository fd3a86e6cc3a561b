package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.DockerEndpoint;
import dev.lattice.engine.EngineUnavailableException;

import java.io.IOException;

/**
 * Tells a failed request from an engine that went away: when a request fails on the network, a ping decides, and a
 * failure of an engine that no longer answers becomes one {@link EngineUnavailableException} that names it, instead of
 * a bare {@code java.net.ConnectException} in every cell.
 */
public final class EngineHealth {

    /** After a failed ping, later failures within this time count as the same outage without another ping. */
    private static final long RECHECK_NANOS = 2_000_000_000L;

    private final DockerClient docker;
    private final DockerEndpoint endpoint;
    private volatile long goneAt;
    private volatile boolean gone;

    /** Watches the engine at {@code endpoint} through {@code docker}. */
    public EngineHealth(DockerClient docker, DockerEndpoint endpoint) {
        this.docker = docker;
        this.endpoint = endpoint;
    }

    /** Returns the engine's endpoint. */
    public DockerEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Returns the failure to report: {@link EngineUnavailableException} when it is a network failure and the engine
     * does not answer a ping, else {@code failure} itself.
     */
    public RuntimeException explain(RuntimeException failure) {
        if (failure instanceof EngineUnavailableException || !failedOnTheNetwork(failure)) {
            return failure;
        }
        if (!(gone && System.nanoTime() - goneAt < RECHECK_NANOS)) {
            gone = DockerConnection.probe(docker, endpoint.uri()).isPresent();
            goneAt = System.nanoTime();
        }
        return gone ? EngineUnavailableException.stoppedAnswering(endpoint, failure) : failure;
    }

    private static boolean failedOnTheNetwork(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // docker-java's transports report a refused or broken connection as an IOException (ConnectException,
            // SocketException, EOFException) or, on Unix sockets, as JNA's LastErrorException.
            if (cause instanceof IOException || cause.getClass().getName().endsWith("LastErrorException")) {
                return true;
            }
        }
        return false;
    }
}
