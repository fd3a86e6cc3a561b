package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.spi.ContainerCleanup;
import dev.lattice.engine.spi.EngineConnections;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run's network is never made again once the run's services are stopped. */
class ServiceNetworkTest {

    @Test
    void aNetworkAskedForAfterRemovalIsRefusedAndNotCreated() {
        DockerClient docker = EngineConnections.testcontainersClient();
        RunLabels labels = RunLabels.withRunId("test-" + UUID.randomUUID().toString().substring(0, 8));
        ServiceNetwork network = new ServiceNetwork(docker, labels);
        try {
            network.name();
            network.remove();

            assertThatThrownBy(network::name).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lattice-" + labels.runId() + " is removed");
            network.createInBackground();
            assertThat(docker.listNetworksCmd().withNameFilter("lattice-" + labels.runId()).exec())
                    .as("networks of the stopped run").isEmpty();
        } finally {
            ContainerCleanup.removeRun(docker, labels);
        }
    }
}
