package dev.lattice.engine;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs that solve the same graph at the same time both succeed, and the cache they leave is sound. */
class TwoJvmSolveTest {

    @TempDir
    Path stateDir;

    @Test
    void twoJvmsSolvingTheSameGraphAtOnceBothSucceed() throws Exception {
        String nonce = TestEngines.nonce();
        Engine engine = TestEngines.builder(stateDir.resolve("this")).build();
        // The other JVM is a run of its own: when it ends, what it leaves is removed as that run's, not this one's.
        String otherRun = engine.runLabels().runId() + "-other";
        Process other = TestEngines.childJvm(OtherJvm.class, nonce,
                stateDir.resolve("other").toString(), otherRun).start();
        CompletableFuture<String> otherOutput = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
                return lines.lines().filter(line -> line.startsWith("solved ")).findFirst().orElse("");
            } catch (java.io.IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            }
        });

        try {
            Image mine = engine.solve("two-jvms", graph(nonce));
            assertThat(other.waitFor(120, TimeUnit.SECONDS)).as("the other JVM finished").isTrue();
            assertThat(other.exitValue()).as("the other JVM's exit code").isZero();
            assertThat(otherOutput.get(10, TimeUnit.SECONDS)).startsWith("solved lattice/engine-client/two-jvms:");

            // Whoever tagged last, the cached result reads back whole.
            byte[] stamp = engine.readFile("two-jvms", Container.from(mine.reference()), "/stamp");
            assertThat(new String(stamp, StandardCharsets.UTF_8).strip()).isEqualTo("built " + nonce);
            try (Engine third = TestEngines.builder(stateDir.resolve("third")).runId(engine.runLabels().runId())
                    .build()) {
                assertThat(third.solve("two-jvms", graph(nonce)).reference()).isEqualTo(mine.reference());
            }
        } finally {
            other.destroyForcibly();
            TestEngines.removeRunImages(engine);
            TestEngines.removeRunOfAnotherJvm(otherRun);
        }
    }

    static Container graph(String nonce) {
        return Container.from(BASE)
                .withExec("sh", "-c", "sleep 1; echo built " + nonce + " > /stamp")
                .withExec("sh", "-c", "cat /stamp > /copy");
    }

    /** The other JVM: solves the same graph and says what it got. */
    static final class OtherJvm {
        public static void main(String[] args) {
            // Not closed here: closing removes the run's containers, and the test's JVM may still be solving.
            Engine engine = TestEngines.builder(Path.of(args[1])).runId(args[2]).build();
            System.out.println("solved " + engine.solve("two-jvms", graph(args[0])).reference());
            System.exit(0);
        }
    }
}
