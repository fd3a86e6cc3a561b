package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Parked containers never outlive their engine. */
class ParkedContainersTest {

    @Test
    void aContainerParkedAfterCloseIsRemovedAtOnce() {
        DockerClient docker = DockerConnection.testcontainersClient();
        RunLabels labels = RunLabels.withRunId("test-" + UUID.randomUUID().toString().substring(0, 8));
        String container = docker.createContainerCmd("debian:bookworm-slim").withCmd("true")
                .withLabels(labels.forKind("step")).exec().getId();
        ParkedContainers parked = new ParkedContainers(docker);
        try {
            parked.close();

            parked.park("sha256:image", container, "signature", MountPoints.of(ExecContext.empty(), false));

            assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(container)).exec())
                    .as("the container parked after close").isEmpty();
        } finally {
            new RunCleanup(docker, labels).removeTransient();
        }
    }
}
