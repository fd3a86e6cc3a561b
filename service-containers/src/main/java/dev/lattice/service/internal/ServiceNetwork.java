package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.internal.DaemonThreads;
import java.time.Duration;

/** The run's Docker network, created on first use and removed at the end of the run. Thread-safe. */
final class ServiceNetwork {

    private static final Duration ENDPOINTS_GONE = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final RunLabels labels;
    private String name;
    private boolean creating;

    ServiceNetwork(DockerClient docker, RunLabels labels) {
        this.docker = docker;
        this.labels = labels;
    }

    /** The network's name, creating the network if needed. */
    synchronized String name() {
        if (name == null) {
            String wanted = "lattice-" + labels.runId();
            docker.createNetworkCmd().withName(wanted).withDriver("bridge").withCheckDuplicate(true)
                    .withLabels(labels.forKind("network")).exec();
            name = wanted;
        }
        return name;
    }

    /**
     * Starts creating the network on a background thread, so that it is ready when the first container needs it
     * (that container's image is usually still being resolved). A failure is left for {@link #name()} to report.
     */
    synchronized void createInBackground() {
        if (name != null || creating) {
            return;
        }
        creating = true;
        DaemonThreads.start("lattice-network", () -> {
            try {
                name();
            } catch (RuntimeException reportedByName) {
                // name() tries again on the launch path and reports the failure there.
            }
        });
    }

    /**
     * Removes the network, if it was created. A container still being removed (a service stopping after its last
     * cell, say) keeps its endpoint until it is gone, so the removal waits for that, up to {@link #ENDPOINTS_GONE}.
     */
    synchronized void remove() {
        if (name != null) {
            long deadline = System.nanoTime() + ENDPOINTS_GONE.toNanos();
            while (true) {
                try {
                    docker.removeNetworkCmd(name).exec();
                    break;
                } catch (DockerException inUse) {
                    if (!String.valueOf(inUse.getMessage()).contains("active endpoints")
                            || System.nanoTime() > deadline) {
                        throw inUse;
                    }
                    pause();
                }
            }
            name = null;
        }
        creating = false;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while removing the run's network", interrupted);
        }
    }
}
