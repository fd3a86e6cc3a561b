package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.Engine;
import dev.lattice.engine.internal.DockerConnection;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceRuntime;
import dev.lattice.service.ServiceSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What a run killed with SIGKILL leaves behind, when no watchdog removed it (it could not start, or the run gave its own
 * client), goes when the next run starts.
 */
class KilledRunTest {

    @Test
    void theNextRunSweepsWhatAKilledRunLeftBehind() throws Exception {
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeftBehind.class.getName())
                .redirectErrorStream(true).start();
        String containerId;
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
            containerId = output.lines().filter(line -> line.startsWith("container "))
                    .findFirst().orElseThrow().substring("container ".length());
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        DockerClient docker = DockerConnection.testcontainersClient();
        assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(java.util.List.of(containerId)).exec())
                .as("the killed run's container before the next run").hasSize(1);

        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .selectors(selectClass(NextRun.class))
                .execute();

        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(java.util.List.of(containerId)).exec())
                .as("the killed run's container after the next run started").isEmpty();
    }

    /** The run that gets killed: starts a service, says which container, and waits to be killed. */
    static final class LeftBehind {
        public static void main(String[] args) throws InterruptedException {
            // A client of its own: no watchdog, so what this run leaves stays until the next run sweeps it.
            Engine engine = Engine.builder().dockerClient(DockerConnection.testcontainersClient()).build();
            Service service = ServiceRuntime.create(engine)
                    .start(ServiceSpec.of("debian:bookworm-slim").named("left-behind").withCommand("sleep", "infinity"));
            System.out.println("container " + service.containerId());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Lattice
    static class NextRun {
        @Test
        void connects(Engine engine) {
            assertThat(engine.runLabels().runId()).isNotBlank();
        }
    }
}
