package dev.lattice.engine;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs on one engine need the same step at once: the second waits for the first and takes its image, so the
 * step is built once and no untagged duplicate is left. Against the real engine, with a real second JVM.
 */
class TwoJvmStepLockTest {

    @TempDir
    Path stateDir;

    static Container graph(String nonce) {
        // Random content: two builds would give two different images.
        return Container.from(BASE).withEnv("NONCE", nonce)
                .withExec("sh", "-c", "sleep 4; od -An -N16 -tx1 /dev/urandom > /stamp");
    }

    @Test
    void theSecondJvmWaitsForTheFirstsBuildOfAStepAndTakesItsImage() throws Exception {
        String nonce = TestEngines.nonce();
        Engine engine = TestEngines.builder(stateDir.resolve("this")).build();
        Process other = TestEngines.childJvm(OtherJvm.class, nonce,
                stateDir.resolve("other").toString(), otherRun(engine)).start();
        CompletableFuture<String> otherImage = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
                return lines.lines().filter(line -> line.startsWith("solved ")).findFirst().orElse("")
                        .replace("solved ", "");
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        });
        try {
            // The other JVM runs the step (its container exists): it holds the step's lock.
            await().atMost(Duration.ofSeconds(60)).until(() -> !TestEngines.docker().listContainersCmd()
                    .withShowAll(true).withLabelFilter(Map.of(RunLabels.RUN, otherRun(engine),
                            RunLabels.KIND, "step")).exec().isEmpty());

            Image mine = engine.solve("locked", graph(nonce));

            assertThat(other.waitFor(60, TimeUnit.SECONDS)).as("the other JVM finished").isTrue();
            String key = engine.lastReport("locked").steps().get(0).cacheKey();
            assertThat(engine.lastReport("locked").steps().get(0).status()).isEqualTo(StepStatus.CACHED);
            assertThat(mine.id()).isEqualTo(otherImage.get(10, TimeUnit.SECONDS));
            assertThat(TestEngines.docker().listImagesCmd().withShowAll(true)
                    .withLabelFilter(Map.of("dev.lattice.key", key)).exec()).as("images committed for the step")
                    .hasSize(1);
        } finally {
            other.destroyForcibly();
            TestEngines.removeRunImages(engine);
            TestEngines.removeRunOfAnotherJvm(otherRun(engine));
        }
    }

    @Test
    void aKilledHolderDoesNotBlockTheStep() throws Exception {
        String nonce = TestEngines.nonce();
        Engine engine = TestEngines.builder(stateDir.resolve("this")).build();
        Process other = TestEngines.childJvm(OtherJvm.class, nonce,
                stateDir.resolve("other").toString(), otherRun(engine)).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !TestEngines.docker().listContainersCmd()
                    .withShowAll(true).withLabelFilter(Map.of(RunLabels.RUN, otherRun(engine),
                            RunLabels.KIND, "step")).exec().isEmpty());
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // The dead holder's lock went with its process: the solve goes on (the wait only guards a hang).
            engine.solveAsync("locked", graph(nonce)).get(60, TimeUnit.SECONDS);

            assertThat(engine.lastReport("locked").steps().get(0).status()).isEqualTo(StepStatus.BUILT);
        } finally {
            other.destroyForcibly();
            TestEngines.removeRunImages(engine);
            TestEngines.removeRunOfAnotherJvm(otherRun(engine));
        }
    }

    // The other JVM's run: its own id, so that when it is killed its watchdog removes its containers, not this run's.
    private static String otherRun(Engine engine) {
        return engine.runLabels().runId() + "-other";
    }

    /** The other JVM: solves the graph and prints the image id. */
    static final class OtherJvm {
        public static void main(String[] args) {
            Engine engine = TestEngines.builder(Path.of(args[1])).runId(args[2]).build();
            Image image = engine.solve("locked", graph(args[0]));
            System.out.println("solved " + image.id());
            engine.close();
            System.exit(0);
        }
    }
}
