package dev.lattice.engine;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * The engine connection is cut while a step runs (socat in front of the real engine's socket, then killed): the
 * failure still names the step and shows what it printed until then.
 */
class EngineConnectionCutTest {

    @TempDir
    Path dir;

    @Test
    void aStepCutOffFromTheEngineSaysWhichStepAndWhatItPrinted() throws Exception {
        Path socket = dir.resolve("engine.sock");
        Process proxy = new ProcessBuilder("socat", "UNIX-LISTEN:" + socket + ",fork",
                "UNIX-CONNECT:/var/run/docker.sock").redirectErrorStream(true).start();
        String runId = null;
        try {
            await("socat's socket").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
            DockerClient cut = DockerClientProviderStrategy.getClientForConfig(
                    TransportConfig.builder().dockerHost(URI.create("unix://" + socket)).build());
            CountDownLatch started = new CountDownLatch(1);
            Engine engine = TestEngines.builder(dir.resolve("state")).dockerClient(cut).listener(new ProgressListener() {
                @Override
                public void started(StepEvent event) {
                    started.countDown();
                }

                @Override
                public void cached(StepEvent event) {
                }

                @Override
                public void done(StepEvent event) {
                }

                @Override
                public void failed(StepEvent event) {
                }
            }).build();
            runId = engine.runLabels().runId();
            CompletableFuture<Image> solve = engine.solveAsync("cut", Container.from(BASE).withExec("sh", "-c",
                    "echo " + TestEngines.nonce() + "; echo E: Unable to locate package nosuchpkg; sleep 60"));
            assertThat(started.await(30, TimeUnit.SECONDS)).as("the step started").isTrue();
            // Cut once the step has printed its lines and sleeps: its container then runs the sleep.
            String run = runId;
            await("the step to print and sleep").atMost(Duration.ofSeconds(30)).until(() -> stepSleeps(run));

            proxy.descendants().forEach(ProcessHandle::destroyForcibly);
            proxy.destroyForcibly();

            Throwable failure = null;
            try {
                solve.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException failed) {
                failure = failed.getCause();
            }
            // Said once: the engine stopped answering, with the step it was running and what the step printed.
            assertThat(failure).isInstanceOf(EngineUnavailableException.class);
            assertThat(failure.getMessage())
                    .startsWith("The Docker engine at ")
                    .contains(" stopped answering during the run (")
                    .contains("\nThe step it was running: Step [cut 1/2] RUN sh -c echo ")
                    .contains("did not finish: the engine failed while it ran (")
                    .endsWith("\n  | E: Unable to locate package nosuchpkg");
            assertThat(failure.getCause()).isInstanceOfSatisfying(StepFailedException.class,
                    step -> assertThat(step.exitCode()).isEqualTo(-1));
        } finally {
            proxy.descendants().forEach(ProcessHandle::destroyForcibly);
            proxy.destroyForcibly();
            if (runId != null) {
                TestEngines.removeRunOfAnotherJvm(runId);
            }
        }
    }

    private static boolean stepSleeps(String runId) {
        DockerClient docker = TestEngines.docker();
        return docker.listContainersCmd().withLabelFilter(Map.of(RunLabels.RUN, runId, RunLabels.KIND, "step")).exec()
                .stream().anyMatch(container -> {
                    var top = docker.topContainerCmd(container.getId()).exec();
                    return top.getProcesses() != null && Arrays.stream(top.getProcesses())
                            .anyMatch(process -> String.join(" ", process).contains("sleep 60"));
                });
    }
}
