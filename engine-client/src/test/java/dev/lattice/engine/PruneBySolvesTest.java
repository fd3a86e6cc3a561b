package dev.lattice.engine;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.internal.CachePruner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only older solves of a pipeline used goes; never what the kept run used, nor what an open engine recorded;
 * against the real engine.
 */
class PruneBySolvesTest {

    @TempDir
    Path stateDir;

    private static Container version(String nonce, int version) {
        return Container.from(BASE).withExec("sh", "-c", "echo " + nonce + " " + version + " > /version");
    }

    /** The tags of every entry of the pipeline's last solve, and of its final image. */
    private static List<String> names(Engine engine, String pipeline) {
        List<String> names = new ArrayList<>();
        engine.lastReport(pipeline).steps().forEach(step -> names.add("lattice-cache/step:" + step.cacheKey()));
        String last = engine.lastReport(pipeline).steps().get(engine.lastReport(pipeline).steps().size() - 1).cacheKey();
        names.add("lattice/engine-client/" + pipeline + ":" + last.substring(0, 12));
        return names;
    }

    private static boolean exists(List<String> names) {
        return names.stream().allMatch(name -> !TestEngines.docker().listImagesCmd().withImageNameFilter(name)
                .exec().isEmpty());
    }

    @Test
    void entriesOnlyOlderSolvesUsedGoAndTheKeptRunsStay() {
        Engine engine = TestEngines.builder(stateDir).build();
        String nonce = TestEngines.nonce();
        try {
            List<List<String>> versions = new ArrayList<>();
            for (int version = 0; version < 3; version++) {
                engine.solve("edited", version(nonce, version));
                versions.add(names(engine, "edited"));
            }
            engine.solve("other", version(nonce, 9));
            List<String> other = names(engine, "other");
            CachePruner pruner = new CachePruner(TestEngines.docker(), stateDir,
                    Map.of(RunLabels.RUN, engine.runLabels().runId()));
            PrunePolicy keepLastOne = PrunePolicy.unusedFor(Duration.ofDays(1000)).withKeepLastSolves(1);

            // While the engine that recorded them is open, another run's prune keeps what it used.
            assertThat(pruner.prune(keepLastOne, "another-run", true).removedImages()).isEmpty();
            engine.close();

            // This run recorded every solve: nothing it used goes.
            assertThat(pruner.prune(keepLastOne, engine.runLabels().runId(), false).removedImages()).isEmpty();

            // Seen from another run, the two older versions of "edited" are superseded; "other" is its last solve.
            PruneResult dryRun = pruner.prune(keepLastOne.withKeepLastSolves(2), "another-run", true);
            assertThat(dryRun.removedImages()).containsExactlyInAnyOrderElementsOf(versions.get(0));
            assertThat(exists(versions.get(0))).isTrue();

            PruneResult result = pruner.prune(keepLastOne, "another-run", false);
            List<String> superseded = new ArrayList<>(versions.get(0));
            superseded.addAll(versions.get(1));
            assertThat(result.removedImages()).containsExactlyInAnyOrderElementsOf(superseded);
            assertThat(exists(versions.get(0))).isFalse();
            assertThat(exists(versions.get(2))).isTrue();
            assertThat(exists(other)).isTrue();
        } finally {
            TestEngines.removeRunImages(engine);
        }
    }
}
