package dev.lattice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL leaves nothing behind for long, even when no other run follows it. */
class RunWatchdogTest {

    @Test
    void whatAKilledRunCreatedGoesWithinSecondsWithNoNextRun(@TempDir Path stateDir) throws Exception {
        String runId = "killed-" + UUID.randomUUID().toString().substring(0, 8);
        Process run = TestEngines.childJvm(KilledRun.class, runId, stateDir.toString()).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(output.lines().filter(line -> line.equals("ready") || line.startsWith("failed"))
                    .findFirst()).as("the run to be killed built its step").contains("ready");
            DockerClient docker = TestEngines.docker();
            assertThat(containersOf(docker, runId)).as("the run's containers while it runs").isNotEmpty();

            run.destroyForcibly();
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

            await("the killed run's containers and networks to go").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        assertThat(containersOf(docker, runId)).isEmpty();
                        assertThat(docker.listNetworksCmd().withFilter("label", List.of(RunLabels.RUN + "=" + runId))
                                .exec()).isEmpty();
                    });
        } finally {
            run.destroyForcibly();
        }
    }

    private static List<com.github.dockerjava.api.model.Container> containersOf(DockerClient docker, String runId) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RunLabels.RUN, runId)).exec();
    }

    /** The run that gets killed: builds a step on the configured engine, says so, and waits to be killed. */
    static final class KilledRun {
        public static void main(String[] args) throws Exception {
            Engine engine = Engine.builder().runId(args[0]).cacheDir(Files.createDirectories(Path.of(args[1]))).build();
            try {
                engine.solve("killed", Container.from(TestEngines.BASE).withExec("sh", "-c", "echo " + args[0]));
                System.out.println("ready");
            } catch (RuntimeException failed) {
                System.out.println("failed " + failed);
            }
            System.out.flush();
            // Runs until killed: its input stays open as long as the test's process holds it.
            System.in.read();
        }
    }
}
