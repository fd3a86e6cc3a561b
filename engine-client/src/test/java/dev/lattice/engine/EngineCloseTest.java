package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What an engine leaves behind when a solve fails or outlives its close: nothing but the cache. */
class EngineCloseTest {

    @Test
    void aSolveThatOutlivesCloseFailsSayingSoAndItsRunningStepIsCached(@TempDir Path stateDir) throws Exception {
        String nonce = TestEngines.nonce();
        RecordingListener listener = new RecordingListener();
        Container first = Container.from(BASE).withEnv("NONCE", nonce).withExec("sh", "-c", "sleep 2; echo one > /one");
        Container both = first.withExec("sh", "-c", "echo two > /two");
        Engine engine = TestEngines.builder(stateDir).listener(listener).build();
        Engine again = TestEngines.builder(stateDir).build();
        try {
            CompletableFuture<Image> solving = engine.solveAsync("closing", both);
            await().atMost(Duration.ofSeconds(60)).until(() -> listener.count("started", "sleep 2") == 1);

            engine.close();

            assertThat(solving).failsWithin(Duration.ofSeconds(60)).withThrowableThat().havingCause()
                    .isInstanceOf(LatticeException.class)
                    .withMessageContaining("The engine was closed");
            again.solve("closing", first);
            // The exec is cached; the image settings step after it was never reached, so it is built now.
            assertThat(again.lastReport("closing").steps().get(0).status())
                    .as("the step that ran while the engine closed").isEqualTo(StepStatus.CACHED);
        } finally {
            TestEngines.removeRunImages(engine);
            TestEngines.removeRunImages(again);
        }
    }

    @Test
    void aSolveAfterCloseFailsSayingTheEngineIsClosed(@TempDir Path stateDir) {
        Engine engine = TestEngines.builder(stateDir).build();
        engine.close();

        assertThatThrownBy(() -> engine.solve("after-close", Container.from(BASE).withEnv("A", "1")))
                .isInstanceOf(LatticeException.class).hasMessageContaining("The engine was closed");
    }

    @Test
    void aParkedContainerBorrowedForACopyThatFailsIsRemoved(@TempDir Path stateDir) {
        String nonce = TestEngines.nonce();
        Container source = Container.from(BASE).withEnv("NONCE", nonce).withExec("sh", "-c", "echo a > /a");
        // The source's exec container is parked for a few seconds after its commit: the copy borrows it.
        Container target = Container.from(BASE).withFile("/b", source.file("/missing-" + nonce));
        Engine engine = TestEngines.builder(stateDir).build();
        DockerClient docker = TestEngines.docker();
        Map<String, String> stepContainers = Map.of(RunLabels.RUN, engine.runLabels().runId(), RunLabels.KIND, "step");
        try {
            engine.solve("source", source);
            assertThatThrownBy(() -> engine.solve("target", target)).isInstanceOf(LatticeException.class)
                    .hasMessageContaining("/missing-" + nonce);

            // Parked containers expire after 3 s; one borrowed and lost would stay until the engine closes.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(docker.listContainersCmd()
                    .withShowAll(true).withLabelFilter(stepContainers).exec()).as("step containers left").isEmpty());
        } finally {
            TestEngines.removeRunImages(engine);
        }
    }
}
