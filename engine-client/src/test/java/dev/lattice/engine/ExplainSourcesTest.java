package dev.lattice.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code lattice.explain} (here a configuration parameter) prints for a pipeline that copies from another: the other pipeline too, when the solve
 * made any of its steps, so the copy's "source changed" has its cause next to it. Each run is a JVM of its own, as a
 * test run is, printing to its own standard error.
 */
class ExplainSourcesTest {

    @Test
    void aPipelineCopiedFromIsExplainedWhenTheSolveMadeItsSteps(@TempDir Path dir) throws Exception {
        String runId = "explain-" + TestEngines.nonce().substring(0, 8);
        String nonce = TestEngines.nonce();
        try {
            String cold = run(dir, runId, nonce, "one");
            assertThat(cold).contains("Pipeline app-source1 solved").contains("Pipeline app solved");
            assertThat(cold.indexOf("Pipeline app-source1 solved")).as("the source first").isLessThan(cold.indexOf("Pipeline app solved"));

            String edited = run(dir, runId, nonce, "two");
            assertThat(edited).contains("Pipeline app-source1 solved")
                    .contains("1/2 BUILT   RUN sh -c echo two > /made");
            assertThat(edited).contains("changed: definition changed: was 'RUN sh -c echo one > /made'")
                    .contains("1/3 BUILT   COPY --from=app-source1 /made /copied")
                    .contains("changed: source /made changed");

            String warm = run(dir, runId, nonce, "two");
            assertThat(warm).as("nothing of the source was made: only the pipeline asked for")
                    .doesNotContain("Pipeline app-source1 solved").contains("Pipeline app solved");
        } finally {
            TestEngines.removeRunOfAnotherJvm(runId);
        }
    }

    private static String run(Path dir, String runId, String nonce, String content) throws Exception {
        Process process = TestEngines.childJvm(Solve.class, dir.resolve("cache").toString(), runId, nonce, content)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** Solves "app", which copies a file of another pipeline (named app-source1), with explain on. Arguments: cache dir, run id, nonce, content. */
    static final class Solve {
        public static void main(String[] args) {
            // As a test run's junit-platform.properties would say it.
            Engine engine = Engine.builder().cacheDir(Path.of(args[0])).runId(args[1])
                    .configurationParameters(name -> name.equals("lattice.explain") ? Optional.of("true")
                            : Optional.empty()).build();
            Container tool = Container.from(BASE).withEnv("NONCE", args[2])
                    .withExec("sh", "-c", "echo " + args[3] + " > /made");
            engine.solve("app", Container.from(BASE).withFile("/copied", tool.file("/made"))
                    .withExec("cat", "/copied"));
            engine.close();
        }
    }
}
