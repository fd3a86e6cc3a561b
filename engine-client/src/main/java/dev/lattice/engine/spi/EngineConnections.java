package dev.lattice.engine.spi;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.DockerEndpoint;
import dev.lattice.engine.EngineUnavailableException;
import dev.lattice.engine.internal.DockerConnection;

/**
 * The Docker engine Testcontainers finds (DOCKER_HOST, {@code ~/.testcontainers.properties} and its other
 * strategies), without Testcontainers' Ryuk container: the one {@link dev.lattice.engine.Engine#connect()} uses. One
 * client per address is shared by the JVM.
 */
public final class EngineConnections {

    private EngineConnections() {
    }

    /**
     * Returns the client of the engine Testcontainers finds, connecting on first use.
     *
     * @throws EngineUnavailableException when no engine answers, naming the endpoints tried and the fix
     */
    public static DockerClient testcontainersClient() {
        return DockerConnection.testcontainersClient();
    }

    /**
     * Returns where the engine Testcontainers finds answers, and the host its published ports are reached at.
     *
     * @throws EngineUnavailableException when no engine answers, naming the endpoints tried and the fix
     */
    public static DockerEndpoint testcontainersEndpoint() {
        return DockerConnection.testcontainersConnection().endpoint();
    }
}
