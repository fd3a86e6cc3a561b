package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which engines copy inside themselves with BuildKit: the Docker engine does, Podman (no BuildKit) does not. */
class BuildKitCopyTest {

    @Test
    void theDockerEngineCopiesWithBuildKitAndPodmanThroughAnArchive(@TempDir Path dir) throws Exception {
        DockerClient docker = DockerConnection.testcontainersClient();
        RunLabels labels = RunLabels.withRunId("test-buildkit-probe");
        Path socket = dir.resolve("podman.sock");
        // Only the API service: answering a ping needs no container (nor the containers.conf that running one needs).
        Process podman = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true).redirectOutput(dir.resolve("podman.log").toFile()).start();
        try {
            assertThat(BuildKitCopy.forEngine(docker, labels)).as("the Docker engine").isPresent();

            await().atMost(30, TimeUnit.SECONDS).until(() -> Files.exists(socket));
            DockerClient onPodman = DockerConnection.connect("unix://" + socket).client();
            assertThat(BuildKitCopy.forEngine(onPodman, labels)).as("Podman").isEmpty();
        } finally {
            podman.destroy();
            podman.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void enginesAreToldApartByTheirPingHeaders() {
        // As Docker 20.10 and Podman 4.3 answer a ping (measured on this project's machines).
        assertThat(BuildKitCopy.buildsWithBuildKit("Docker/20.10.24+dfsg1 (linux)", "1.41", "linux", "")).isTrue();
        assertThat(BuildKitCopy.buildsWithBuildKit("Libpod/4.3.1 (linux)", "1.41", "", "4.3.1")).isFalse();
        // Windows engines and engines before BuildKit (API 1.39, Docker 18.09) have none.
        assertThat(BuildKitCopy.buildsWithBuildKit("Docker/20.10.24 (windows)", "1.41", "windows", "")).isFalse();
        assertThat(BuildKitCopy.buildsWithBuildKit("Docker/18.06.3-ce (linux)", "1.38", "linux", "")).isFalse();
        assertThat(BuildKitCopy.buildsWithBuildKit("Docker/28.2.2 (linux)", "1.50", "linux", "")).isTrue();
    }
}
