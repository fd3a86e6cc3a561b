package dev.lattice.engine.spi;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.DockerEndpoint;
import dev.lattice.engine.EngineUnavailableException;
import dev.lattice.engine.internal.DockerConnection;
import dev.lattice.engine.internal.TestcontainersRyuk;

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

    /**
     * Checks, before a Testcontainers container of the user's starts, that Testcontainers can start its Ryuk container
     * on that engine, or that Ryuk is disabled: where its image is neither present nor pullable, Testcontainers would
     * retry for minutes with nothing printed.
     *
     * @throws dev.lattice.engine.LatticeException naming Ryuk's image, the engine and the fix, when it cannot start
     */
    public static void requireTestcontainersRyukStartable() {
        TestcontainersRyuk.requireStartable(DockerConnection.testcontainersConnection());
    }
}
