package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import dev.lattice.engine.RunLabels;
import dev.lattice.service.ServiceSpec;
import dev.lattice.service.ServiceStartException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Creates and starts a service container on the run's network and reads back its addresses. */
final class ContainerLauncher {

    private final DockerClient docker;
    private final RunLabels labels;
    private final ReadinessProbe readiness;
    private final String publishedPortHost;

    /**
     * Creates a launcher on one engine.
     *
     * @param publishedPortHost where the engine's published ports are reached from the test JVM
     */
    ContainerLauncher(DockerClient docker, RunLabels labels, String publishedPortHost) {
        this.docker = docker;
        this.labels = labels;
        this.publishedPortHost = publishedPortHost;
        this.readiness = new ReadinessProbe(docker);
    }

    /**
     * Starts the container of a definition and waits until it is ready.
     *
     * @param spec the definition
     * @param image the resolved image to run
     * @param network the run's network
     * @return the running service
     * @throws ServiceStartException if it does not start or become ready; its container is removed
     */
    RunningService launch(ServiceSpec spec, String image, String network) {
        List<ExposedPort> ports = spec.exposedPorts().stream().map(ExposedPort::tcp).toList();
        Ports bindings = new Ports();
        ports.forEach(port -> bindings.bind(port, Ports.Binding.empty()));
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(network)
                .withPortBindings(bindings)
                .withExtraHosts(spec.bindings().entrySet().stream()
                        .map(binding -> binding.getKey() + ":" + binding.getValue().ipAddress())
                        .toArray(String[]::new));
        if (!spec.tmpfs().isEmpty()) {
            // Docker's defaults: a world-writable directory of up to half the machine's memory.
            Map<String, String> mounts = new HashMap<>();
            spec.tmpfs().forEach(path -> mounts.put(path, ""));
            host.withTmpFs(mounts);
        }
        Map<String, String> containerLabels = new HashMap<>(labels.forKind("service"));
        containerLabels.put("dev.lattice.service", spec.name());
        var create = docker.createContainerCmd(image)
                .withLabels(containerLabels)
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(ports)
                .withHostConfig(host)
                .withAliases(spec.name());
        if (!spec.command().isEmpty()) {
            create.withCmd(spec.command());
        }
        CreateContainerResponse created = create.exec();
        try {
            docker.startContainerCmd(created.getId()).exec();
            RunningService service = describe(spec, created.getId(), network);
            readiness.await(service, image, spec.readiness());
            return service;
        } catch (RuntimeException failed) {
            docker.removeContainerCmd(created.getId()).withForce(true).withRemoveVolumes(true).exec();
            if (failed instanceof ServiceStartException) {
                throw failed;
            }
            throw new ServiceStartException("Service \"" + spec.name() + "\" (" + image + ") did not start: "
                    + failed.getMessage(), failed);
        }
    }

    private RunningService describe(ServiceSpec spec, String containerId, String network) {
        InspectContainerResponse inspected = docker.inspectContainerCmd(containerId).exec();
        Map<Integer, Integer> mapped = new HashMap<>();
        Map<ExposedPort, Ports.Binding[]> published = inspected.getNetworkSettings().getPorts().getBindings();
        for (int port : spec.exposedPorts()) {
            Ports.Binding[] onHost = published.get(ExposedPort.tcp(port));
            if (onHost == null || onHost.length == 0) {
                throw new ServiceStartException("Service \"" + spec.name() + "\": port " + port
                        + " was not published; the engine answered " + published, null);
            }
            mapped.put(port, Integer.parseInt(onHost[0].getHostPortSpec()));
        }
        ContainerNetwork onNetwork = inspected.getNetworkSettings().getNetworks().get(network);
        return new RunningService(spec.name(), containerId, publishedPortHost,
                mapped, spec.name(), network, onNetwork.getIpAddress(), spec.definitionDigest(), docker);
    }
}
