package dev.lattice.engine.spi;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.internal.RunCleanup;

import java.util.List;

/** Removes what a run created: some of its containers now, or everything of the run that is not cache. */
public final class ContainerCleanup {

    private ContainerCleanup() {
    }

    /**
     * Force-removes the containers with their anonymous volumes, several at once, and returns once they are gone.
     * Containers already gone are skipped; one another request is removing is waited for.
     *
     * @param docker       the engine's client
     * @param containerIds the containers; may be empty
     */
    public static void removeContainers(DockerClient docker, List<String> containerIds) {
        RunCleanup.removeContainers(docker, containerIds);
    }

    /**
     * Removes the run's containers, networks, transient volumes and volatile images; keeps cache images and cache
     * volumes. What is gone already is skipped.
     *
     * @param docker the engine's client
     * @param labels the run's labels
     */
    public static void removeRun(DockerClient docker, RunLabels labels) {
        new RunCleanup(docker, labels).removeTransient();
    }
}
