package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;

/** The run's Docker network, created on first use and removed at the end of the run. Thread-safe. */
final class ServiceNetwork {

    private final DockerClient docker;
    private final RunLabels labels;
    private String name;

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

    /** Removes the network, if it was created. */
    synchronized void remove() {
        if (name != null) {
            docker.removeNetworkCmd(name).exec();
            name = null;
        }
    }
}
