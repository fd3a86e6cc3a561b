package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.EngineUnavailableException;
import org.testcontainers.DockerClientFactory;

/** Obtains the Docker client and checks that an engine answers. */
public final class DockerConnection {

    private DockerConnection() {
    }

    /**
     * Returns the client Testcontainers configures (DOCKER_HOST, ~/.testcontainers.properties).
     *
     * @throws EngineUnavailableException when no engine answers
     */
    public static DockerClient testcontainersClient() {
        try {
            return DockerClientFactory.instance().client();
        } catch (RuntimeException | LinkageError unavailable) {
            throw new EngineUnavailableException(String.valueOf(unavailable.getMessage()), unavailable);
        }
    }

    /**
     * Returns a stable identity of the engine behind the client (its id), checking that it answers.
     *
     * @throws EngineUnavailableException when it does not
     */
    public static String hostKey(DockerClient client) {
        try {
            return client.infoCmd().exec().getId();
        } catch (RuntimeException unavailable) {
            throw new EngineUnavailableException(String.valueOf(unavailable.getMessage()), unavailable);
        }
    }
}
