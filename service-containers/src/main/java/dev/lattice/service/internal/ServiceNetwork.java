package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.spi.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The run's Docker network, created on first use and removed at the end of the run. Thread-safe. */
final class ServiceNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceNetwork.class);

    private final DockerClient docker;
    private final RunLabels labels;
    private String name;
    private boolean creating;
    private boolean removed;

    ServiceNetwork(DockerClient docker, RunLabels labels) {
        this.docker = docker;
        this.labels = labels;
    }

    /**
     * The network's name, creating the network if needed.
     *
     * @throws IllegalStateException after {@link #remove()}: a network made then would outlive the run's cleanup
     */
    synchronized String name() {
        if (removed) {
            throw new IllegalStateException("The run's services were stopped: network lattice-" + labels.runId()
                    + " is removed and no service starts any more; start services before the run ends");
        }
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
        if (name != null || creating || removed) {
            return;
        }
        creating = true;
        DaemonThreads.start("lattice-network", () -> {
            try {
                name();
            } catch (RuntimeException reportedByName) {
                // name() tries again on the launch path and reports the failure there.
                LOG.debug("Creating the run's network in the background failed; the first service tries again",
                        reportedByName);
            }
        });
    }

    /** Removes the network, if it was created; no network is created afterwards. */
    synchronized void remove() {
        removed = true;
        if (name != null) {
            docker.removeNetworkCmd(name).exec();
            name = null;
        }
        creating = false;
    }
}
