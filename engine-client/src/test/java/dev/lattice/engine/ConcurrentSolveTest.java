package dev.lattice.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Independent branches run at the same time; one step requested twice runs once. */
class ConcurrentSolveTest {

    @TempDir
    static Path stateDir;

    static RecordingListener listener = new RecordingListener();
    static Engine engine;

    @BeforeAll
    static void connect() {
        engine = TestEngines.builder(stateDir).parallelism(4).listener(listener).build();
    }

    @AfterAll
    static void cleanUp() {
        TestEngines.removeRunImages(engine);
    }

    @Test
    void independentBranchesRunAtTheSameTime() {
        String nonce = TestEngines.nonce();
        Container left = Container.from(BASE).withEnv("NONCE", nonce).withExec("sh", "-c", "sleep 2; echo left > /left");
        Container right = Container.from(BASE).withEnv("NONCE", nonce).withExec("sh", "-c", "sleep 2; echo right > /right");
        Container joined = Container.from(BASE)
                .withFile("/left", left.file("/left"))
                .withFile("/right", right.file("/right"));

        engine.solve("branches", joined);

        RecordingListener.Recorded leftStart = find("started", "echo left");
        RecordingListener.Recorded leftDone = find("done", "echo left");
        RecordingListener.Recorded rightStart = find("started", "echo right");
        RecordingListener.Recorded rightDone = find("done", "echo right");
        assertThat(leftStart.nanos()).isLessThan(rightDone.nanos());
        assertThat(rightStart.nanos()).isLessThan(leftDone.nanos());
        assertThat(new String(engine.readFile("branches", joined, "/right")).trim()).isEqualTo("right");
    }

    @Test
    void oneStepRequestedFromTwoThreadsRunsOnce() throws Exception {
        String nonce = TestEngines.nonce();
        Container shared = Container.from(BASE).withExec("sh", "-c", "sleep 1; echo " + nonce + " > /once");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Image> first = CompletableFuture.supplyAsync(() -> awaitThenSolve(go, shared));
        CompletableFuture<Image> second = CompletableFuture.supplyAsync(() -> awaitThenSolve(go, shared));
        go.countDown();

        assertThat(first.get()).isEqualTo(second.get());
        assertThat(listener.count("started", "echo " + nonce)).isEqualTo(1);
    }

    @Test
    void aStepAnotherSolveBuiltMeanwhileIsExplainedByThatSolveAlone() throws Exception {
        String nonce = TestEngines.nonce();
        Container shared = sharedStep(nonce);
        // The longer solve waits for the shared step and ends last, after the first recorded its inputs.
        SolveReport.StepReport step = firstStepWhenSolvedMeanwhile("explained", nonce, shared, longer(shared, nonce));

        assertThat(step.status()).isEqualTo(StepStatus.BUILT);
        // Not "same inputs as the last solve, but its cache entry is gone": the first solve was that last solve.
        assertThat(step.changes()).containsExactly("built once for this run, by the solve of pipeline explained");
    }

    @Test
    void aStepIsExplainedByTheSolveBeforeItsOwnNotByOneThatEndedMeanwhile() throws Exception {
        String nonce = TestEngines.nonce();
        Container shared = sharedStep(nonce);
        // The longer solve builds the shared step; the other one waits for it, ends first and records its inputs.
        SolveReport.StepReport step = firstStepWhenSolvedMeanwhile("explained-meanwhile", nonce, longer(shared, nonce),
                shared);

        assertThat(step.status()).isEqualTo(StepStatus.BUILT);
        assertThat(step.changes()).containsExactly("no earlier solve of this pipeline recorded");
    }

    private static Container sharedStep(String nonce) {
        return Container.from(BASE).withExec("sh", "-c", "sleep 1; echo " + nonce + " > /shared");
    }

    private static Container longer(Container shared, String nonce) {
        return shared.withExec("sh", "-c", "sleep 1; echo " + nonce + " > /more");
    }

    /**
     * Solves {@code building} and, once its first step started, {@code waiting} under the same pipeline name; returns
     * the first step of the report of the solve that ended last.
     */
    private static SolveReport.StepReport firstStepWhenSolvedMeanwhile(String pipeline, String nonce,
                                                                       Container building, Container waiting)
            throws Exception {
        CompletableFuture<Image> first = engine.solveAsync(pipeline, building);
        await().atMost(Duration.ofSeconds(60)).until(() -> listener.count("started", "echo " + nonce + " > /shared") == 1);
        engine.solve(pipeline, waiting);
        first.get();
        return engine.lastReport(pipeline).steps().get(0);
    }

    private static Image awaitThenSolve(CountDownLatch go, Container container) {
        try {
            go.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return engine.solve("twice", container);
    }

    private static RecordingListener.Recorded find(String type, String description) {
        return listener.events.stream()
                .filter(recorded -> recorded.type().equals(type) && recorded.event().description().contains(description))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " event for " + description
                        + " in " + listener.events));
    }
}
