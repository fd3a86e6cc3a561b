package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.service.Service;
import java.util.Map;

/**
 * A started service container: its addresses from the test JVM and from the run's network.
 *
 * @param name the service's name
 * @param containerId the container's id
 * @param host the host that reaches published ports from the test JVM
 * @param mappedPorts each exposed container port with its host port
 * @param networkAlias the alias on the run's network
 * @param networkName the run's network
 * @param ipAddress the container's address on the run's network
 * @param definitionDigest the digest of the definition it was started from
 * @param docker the client, for logs
 */
record RunningService(String name, String containerId, String host, Map<Integer, Integer> mappedPorts,
                      String networkAlias, String networkName, String ipAddress, String definitionDigest,
                      DockerClient docker) implements Service {

    RunningService {
        mappedPorts = Map.copyOf(mappedPorts);
    }

    @Override
    public int mappedPort(int containerPort) {
        Integer port = mappedPorts.get(containerPort);
        if (port == null) {
            throw new IllegalArgumentException("Service \"" + name + "\" does not publish port " + containerPort
                    + "; it publishes " + mappedPorts.keySet() + ", so add withExposedPort(" + containerPort + ")");
        }
        return port;
    }

    @Override
    public String logs() {
        return ContainerLogs.all(docker, containerId);
    }

    @Override
    public String toString() {
        return "Service[" + name + " " + containerId.substring(0, 12) + " at " + networkAlias + "]";
    }
}
