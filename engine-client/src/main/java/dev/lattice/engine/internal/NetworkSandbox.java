package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;

/**
 * One long-lived, sleeping container per engine whose network namespace exec containers join
 * ({@code NetworkMode=container:<id>}). Joining an existing namespace skips the per-container
 * bridge setup, which is most of a container's start time. Execs bound to services do not use it:
 * they join the services' networks instead.
 */
final class NetworkSandbox {

    private final DockerClient docker;
    private final RunLabels labels;
    private String containerId;
    private boolean closed;

    NetworkSandbox(DockerClient docker, RunLabels labels) {
        this.docker = docker;
        this.labels = labels;
    }

    /** Returns the network mode for an exec container, starting the sandbox from {@code anyImageId} if needed. */
    synchronized String networkMode(String anyImageId) {
        if (closed) {
            throw new IllegalStateException("The engine is closed: it starts no more exec containers");
        }
        if (containerId == null) {
            String id = docker.createContainerCmd(anyImageId).withEntrypoint("sleep").withCmd("infinity")
                    .withLabels(labels.forKind("network-sandbox")).exec().getId();
            docker.startContainerCmd(id).exec();
            containerId = id;
        }
        return "container:" + containerId;
    }

    /** Forgets a sandbox that stopped (e.g. removed by another engine's cleanup), so the next exec starts a new one. */
    synchronized void invalidate(String networkMode) {
        if (containerId != null && networkMode.equals("container:" + containerId)) {
            removeQuietly(containerId);
            containerId = null;
        }
    }

    /** Removes the sandbox. */
    synchronized void close() {
        closed = true;
        if (containerId != null) {
            removeQuietly(containerId);
            containerId = null;
        }
    }

    private void removeQuietly(String id) {
        ContainerRemoval.quietly(docker, id);
    }
}
