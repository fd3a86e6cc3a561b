package dev.lattice.engine;

import dev.lattice.engine.internal.CachePruner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-last counts the solves of each project's pipeline apart: two projects (two directories, one cache dir, as two
 * checkouts of one user) with a pipeline of the same name, each solved in a JVM started in its directory; against
 * the real engine.
 */
class PruneAcrossProjectsTest {

    @TempDir
    Path dir;

    @Test
    void aProjectsNewerSolvesSupersedeOnlyItsOwnAndAStepAnotherProjectStillUsesStays() throws Exception {
        Path cacheDir = dir.resolve("cache");
        // One run id for the three JVMs, one after the other, so the prune's scope is what they built and nothing
        // else of the shared engine.
        String runId = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String nonce = TestEngines.nonce();
        String shared = "shared " + nonce;
        try {
            List<String> other = solve("proj2", cacheDir, runId, shared, "proj2 " + nonce);
            List<String> older = solve("proj1", cacheDir, runId, shared, "proj1 v0 " + nonce);
            List<String> newer = solve("proj1", cacheDir, runId, "proj1 v1 " + nonce);
            String sharedKey = other.get(0);
            assertThat(older.get(0)).as("both projects' pipelines have the shared step").isEqualTo(sharedKey);

            CachePruner pruner = new CachePruner(TestEngines.docker(), cacheDir, Map.of(RunLabels.RUN, runId));
            PrunePolicy keepLastOne = PrunePolicy.unusedFor(Duration.ofDays(36500)).withKeepLastSolves(1);
            PruneResult result = pruner.prune(keepLastOne, "another-run", false);

            // proj1's older solve alone is superseded: of its entries, the shared step stays, for proj2's last solve.
            String olderFinal = older.get(older.size() - 1);
            assertThat(result.removedImages()).containsExactlyInAnyOrder("lattice-cache/step:" + older.get(1),
                    "lattice-cache/step:" + olderFinal, "lattice/proj1/app:" + olderFinal.substring(0, 12));
            assertThat(exists("lattice-cache/step:" + sharedKey)).isTrue();
            assertThat(exists("lattice/proj2/app:" + other.get(other.size() - 1).substring(0, 12))).isTrue();
            assertThat(exists("lattice/proj1/app:" + newer.get(newer.size() - 1).substring(0, 12))).isTrue();
        } finally {
            TestEngines.removeRunOfAnotherJvm(runId);
        }
    }

    @Test
    void theRecordsOfSolvesOlderThanTheAgeLimitGoWithTheirFolders() throws Exception {
        Path cacheDir = dir.resolve("cache");
        String runId = "test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            // A project no run solves again (a CI workspace that is gone, say): its records must not stay for good.
            solve("gone", cacheDir, runId, "gone " + TestEngines.nonce());
            assertThat(solveRecords(cacheDir)).as("recorded").isNotEmpty();

            new CachePruner(TestEngines.docker(), cacheDir, Map.of(RunLabels.RUN, runId))
                    .prune(PrunePolicy.unusedFor(Duration.ofMillis(1)), "another-run", false);

            assertThat(solveRecords(cacheDir)).as("records and folders left").isEmpty();
        } finally {
            TestEngines.removeRunOfAnotherJvm(runId);
        }
    }

    /** Everything under the cache dir's solve records: folders of projects' pipelines and their records. */
    private static List<Path> solveRecords(Path cacheDir) throws IOException {
        try (var engines = Files.list(cacheDir.resolve("engines"))) {
            List<Path> found = new ArrayList<>();
            for (Path engine : engines.toList()) {
                try (var all = Files.walk(engine.resolve("solves"))) {
                    all.filter(path -> !path.equals(engine.resolve("solves"))).forEach(found::add);
                }
            }
            return found;
        }
    }

    /**
     * Solves pipeline {@code app} of the given steps in a JVM working in {@code project}; returns its step keys, in
     * order: one per exec, then the final image's settings.
     */
    private List<String> solve(String project, Path cacheDir, String runId, String... steps)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(cacheDir.toString(), runId));
        args.addAll(List.of(steps));
        Process process = TestEngines.childJvm(SolveInProject.class, args.toArray(String[]::new))
                .directory(Files.createDirectories(dir.resolve(project)).toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().filter(line -> line.startsWith("step ")).map(line -> line.substring(5)).toList();
    }

    private static boolean exists(String reference) {
        return !TestEngines.docker().listImagesCmd().withImageNameFilter(reference).exec().isEmpty();
    }

    /** A run in its working directory's project: solves {@code app}, one exec per step, prints each step's key. */
    static final class SolveInProject {
        public static void main(String[] args) {
            Container container = Container.from(BASE);
            for (String step : List.of(args).subList(2, args.length)) {
                container = container.withExec("sh", "-c", "echo " + step + " >> /steps");
            }
            try (Engine engine = TestEngines.builder(Path.of(args[0])).runId(args[1]).build()) {
                engine.solve("app", container);
                engine.lastReport("app").steps().forEach(step -> System.out.println("step " + step.cacheKey()));
            }
            System.exit(0);
        }
    }
}
