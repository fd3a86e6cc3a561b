package dev.lattice.engine;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What explain, progress and tags say about a pipeline is about that pipeline of this project, whichever other
 * pipeline or project shares its name or its steps.
 */
class PipelineNamesTest {

    @Test
    void anotherProjectsPipelineOfTheSameNameNeitherSharesItsTagNorItsExplanation(@TempDir Path stateDir,
                                                                                    @TempDir Path otherProject)
            throws Exception {
        String nonce = TestEngines.nonce();
        Engine.Builder builder = TestEngines.builder(stateDir);
        try (Engine engine = builder.build()) {
            Image mine = engine.solve("dist", Container.from(BASE).withExec("sh", "-c", "echo mine-" + nonce));
            assertThat(mine.reference()).startsWith("lattice/engine-client/dist:");

            String theirs = solveInAnotherProject(otherProject.resolve("other-project"), stateDir, nonce);
            assertThat(theirs).startsWith("lattice/other-project/dist:");

            engine.solve("dist", Container.from(BASE).withExec("sh", "-c", "echo mine-again-" + nonce));
            assertThat(engine.lastReport("dist").steps().get(0).changes())
                    .containsExactly("definition changed: was 'RUN sh -c echo mine-" + nonce + "'");
        } finally {
            TestEngines.removeRunImages(builder.build());
        }
    }

    @Test
    void aStepSharedByPipelinesIsLabelledWithThePipelineThatOwnsItInEverySolve(@TempDir Path stateDir) {
        RecordingListener listener = new RecordingListener();
        Engine engine = TestEngines.builder(stateDir).listener(listener).build();
        try {
            String nonce = TestEngines.nonce();
            Container base = Container.from(BASE).withExec("sh", "-c", "echo base-" + nonce + " > /base.txt")
                    .withExec("sh", "-c", "echo more >> /base.txt");
            Container tests = base.withExec("sh", "-c", "cat /base.txt");
            Container dist = Container.from(BASE).withFile("/copied.txt", base.file("/base.txt"));

            // Started together, as a test class starts its pipelines: each step is built once, by either solve.
            CompletableFuture<Image> baseSolve = engine.solveAsync("base", base);
            CompletableFuture<Image> testsSolve = engine.solveAsync("tests", tests);
            CompletableFuture<Image> distSolve = engine.solveAsync("dist", dist);
            CompletableFuture.allOf(baseSolve, testsSolve, distSolve).join();

            SolveReport baseReport = engine.lastReport("base");
            assertThat(listener.events).filteredOn(recorded -> recorded.event().description().contains("base-" + nonce)
                            || recorded.event().description().contains("more"))
                    .isNotEmpty()
                    .allSatisfy(recorded -> {
                        assertThat(recorded.event().pipelineName()).isEqualTo("base");
                        assertThat(recorded.event().count()).isEqualTo(baseReport.steps().size());
                    });
            assertThat(baseReport.count(StepStatus.CACHED) + baseReport.count(StepStatus.SKIPPED))
                    .as("base's steps were all built in this run, whichever solve built them:%n%s", baseReport.format())
                    .isZero();
            assertThat(engine.lastReport("dist").steps()).singleElement()
                    .satisfies(step -> assertThat(step.description()).startsWith("COPY --from=base "));

            // Solved again later in the run: what the earlier solves built is now simply cached.
            engine.solve("tests", tests);
            assertThat(engine.lastReport("tests").steps()).extracting(SolveReport.StepReport::status)
                    .containsOnly(StepStatus.CACHED);
        } finally {
            TestEngines.removeRunImages(engine);
        }
    }

    private static String solveInAnotherProject(Path project, Path stateDir, String nonce) throws Exception {
        Files.createDirectories(project);
        Process other = TestEngines.childJvm(OtherProject.class, stateDir.toString(), nonce)
                .directory(project.toFile()).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            String reference = output.lines().filter(line -> line.startsWith("reference ")).findFirst()
                    .map(line -> line.substring("reference ".length())).orElse("(none)");
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return reference;
        }
    }

    /** Another project on the same machine and state directory, with a pipeline also called "dist". */
    static final class OtherProject {
        public static void main(String[] args) {
            Engine.Builder builder = TestEngines.builder(Path.of(args[0]));
            Engine engine = builder.build();
            try {
                System.out.println("reference " + engine.solve("dist",
                        Container.from(BASE).withExec("sh", "-c", "echo theirs-" + args[1])).reference());
            } finally {
                TestEngines.removeRunImages(engine);
            }
        }
    }
}
