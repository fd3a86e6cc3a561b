package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.ServiceBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes the containers execs run in: kept alive by {@code sleep infinity}, with the exec's cache volumes, CA volume and
 * secret files mounted, joined to the services' networks or else to the shared network sandbox. Tells whether such a
 * container can serve another exec.
 */
final class ExecContainers {

    private static final Logger LOG = LoggerFactory.getLogger(ExecContainers.class);

    private final DockerClient docker;
    private final RunLabels labels;
    private final Optional<CaBundle> caBundle;
    private final NetworkSandbox sandbox;
    private final CacheVolumes cacheVolumes;
    private final ContainerReaper reaper;
    private final String engineId;

    ExecContainers(DockerClient docker, RunLabels labels, Optional<CaBundle> caBundle, NetworkSandbox sandbox,
                   CacheVolumes cacheVolumes, ContainerReaper reaper, String engineId) {
        this.docker = docker;
        this.labels = labels;
        this.caBundle = caBundle;
        this.sandbox = sandbox;
        this.cacheVolumes = cacheVolumes;
        this.reaper = reaper;
        this.engineId = engineId;
    }

    /**
     * Returns the settings an exec container is made with, so a container can serve several execs
     * that agree on them; null when the exec needs a container of its own (service networks, or
     * secret files whose volume belongs to one exec).
     */
    static String reuseSignature(Layer layer) {
        if (layer == null || layer.kind() != Layer.Kind.EXEC || !layer.exec().services().isEmpty()
                || !layer.exec().secretFiles().isEmpty()) {
            return null;
        }
        return layer.config().env() + "|" + layer.config().effectiveWorkdir() + "|" + layer.exec().cacheMounts();
    }

    /** The paths of an exec container that show something other than its image's files. */
    MountPoints mountPoints(ExecContext context) {
        return MountPoints.of(context, caBundle.isPresent());
    }

    /** The environment every exec gets besides its own: the CA bundle's variables. */
    List<String> baseEnv() {
        List<String> env = new ArrayList<>();
        caBundle.ifPresent(ca -> env.addAll(ca.execEnv()));
        return env;
    }

    /**
     * Gets ready for execs on {@code anyImageId}: the CA volume they mount and the network sandbox they join.
     */
    void prepare(String anyImageId) {
        caBundle.ifPresent(ca -> ca.ensureVolume(docker, labels, anyImageId, engineId));
        sandbox.networkMode(anyImageId);
    }

    /** Creates and starts an exec container of {@code parentImageId} for {@code context}, with its own mounts. */
    String start(String parentImageId, ImageConfig config, ExecContext context) {
        return start(parentImageId, config, context, SecretFiles.NONE);
    }

    /** Creates and starts an exec container of {@code parentImageId} with the secret files bound in. */
    String start(String parentImageId, ImageConfig config, ExecContext context, SecretFiles secretFiles) {
        HostConfig host = HostConfig.newHostConfig().withMounts(mounts(context, parentImageId));
        if (!secretFiles.binds().isEmpty()) {
            host.withBinds(secretFiles.binds());
        }
        List<ServiceBinding> services = new ArrayList<>(context.services().values());
        String sandboxMode = null;
        if (!services.isEmpty()) {
            host.withNetworkMode(services.get(0).networkName());
            List<String> hosts = new ArrayList<>();
            context.services().forEach((alias, service) -> hosts.add(alias + ":" + service.ipAddress()));
            host.withExtraHosts(hosts.toArray(String[]::new));
        } else {
            sandboxMode = sandbox.networkMode(parentImageId);
            host.withNetworkMode(sandboxMode);
        }
        String container = create(parentImageId, config, host);
        for (ServiceBinding service : services.subList(Math.min(1, services.size()), services.size())) {
            if (!service.networkName().equals(services.get(0).networkName())) {
                docker.connectToNetworkCmd().withContainerId(container).withNetworkId(service.networkName()).exec();
            }
        }
        try {
            docker.startContainerCmd(container).exec();
        } catch (DockerException sandboxGone) {
            if (sandboxMode == null) {
                throw sandboxGone;
            }
            // The shared network sandbox was removed under us: start a new one and retry once.
            LOG.debug("Exec container {} did not start in network sandbox {}; starting a new sandbox", container,
                    sandboxMode, sandboxGone);
            reaper.removeNow(container);
            sandbox.invalidate(sandboxMode);
            host.withNetworkMode(sandbox.networkMode(parentImageId));
            container = create(parentImageId, config, host);
            docker.startContainerCmd(container).exec();
        }
        return container;
    }

    /** Whether the engine killed the container for lack of memory; false when it cannot tell, so the exit is still told. */
    boolean oomKilled(String container) {
        try {
            InspectContainerResponse state = docker.inspectContainerCmd(container).exec();
            return Boolean.TRUE.equals(state.getState().getOOMKilled());
        } catch (RuntimeException unknown) {
            LOG.debug("Cannot inspect container {} for an out-of-memory kill", container, unknown);
            return false;
        }
    }

    /** Whether only the keep-alive process runs in the container, so a later exec finds it as a fresh one. */
    boolean onlyKeepAliveRuns(String container) {
        try {
            String[][] processes = docker.topContainerCmd(container).exec().getProcesses();
            return processes != null && processes.length == 1;
        } catch (RuntimeException unknown) {
            // Not knowing only costs a fresh container next time. Podman sometimes answers /top with an empty body,
            // which docker-java reports as a JSON error rather than a DockerException.
            LOG.debug("Cannot list the processes of container {}; it is not reused", container, unknown);
            return false;
        }
    }

    private List<Mount> mounts(ExecContext context, String parentImageId) {
        List<Mount> mounts = new ArrayList<>();
        context.cacheMounts().forEach((path, volume) -> {
            cacheVolumes.ensure(volume);
            // An empty volume is first filled with what the image holds at the path (the engine's volume rule).
            mounts.add(new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(path));
        });
        caBundle.ifPresent(ca -> {
            ca.ensureVolume(docker, labels, parentImageId, engineId);
            mounts.add(ca.mount());
        });
        return mounts;
    }

    private String create(String parentImageId, ImageConfig config, HostConfig host) {
        return docker.createContainerCmd(parentImageId)
                .withEntrypoint("sleep").withCmd("infinity")
                .withEnv(config.env()).withWorkingDir(config.effectiveWorkdir())
                .withLabels(labels.forKind("step")).withHostConfig(host)
                .exec().getId();
    }
}
