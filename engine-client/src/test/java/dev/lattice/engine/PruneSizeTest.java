package dev.lattice.engine;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.internal.CachePruner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prune counts what removing an entry frees on disk: its own layers, not those it shares with a kept image (the
 * base image, or its parent step's entry), against the real engine.
 */
class PruneSizeTest {

    private static final long MB = 1_000_000;

    @TempDir
    Path stateDir;

    /**
     * Three entries, each on the one before: 5 MB, 1 MB more, then the image settings (an empty layer); each with
     * the base image's layers below.
     */
    private Engine solveTwoSteps() {
        Engine engine = TestEngines.builder(stateDir).build();
        // The first step runs long enough that the second gets a fresh container on its image: a child layer.
        engine.solve("sized", Container.from(BASE)
                .withExec("sh", "-c", "head -c 5000000 /dev/urandom > /five; sleep 3; echo " + TestEngines.nonce())
                .withExec("sh", "-c", "head -c 1000000 /dev/urandom > /one"));
        // Closing removes the step containers, which would keep their images.
        engine.close();
        return engine;
    }

    @Test
    void anEntryThatAlsoCarriesANameOfItsOwnStays() {
        Engine engine = solveTwoSteps();
        String named = "lattice-prune-test/named:" + TestEngines.nonce().substring(0, 8);
        try {
            int colon = named.indexOf(':');
            TestEngines.docker().tagImageCmd(entry(engine, 1), named.substring(0, colon), named.substring(colon + 1))
                    .exec();

            PruneResult result = prune(engine, PrunePolicy.unusedFor(Duration.ZERO).withSizeBudget(0));

            // The named image keeps the layers below it: only the entry above it frees anything.
            assertThat(result.removedImages()).containsExactlyInAnyOrder(entry(engine, 0), entry(engine, 2),
                    "lattice/engine-client/sized:" + key(engine, 2).substring(0, 12));
            assertThat(result.reclaimedBytes()).isLessThan(100_000);
            assertThat(TestEngines.docker().listImagesCmd().withImageNameFilter(named).exec()).isNotEmpty();
        } finally {
            TestEngines.docker().removeImageCmd(named).exec();
            TestEngines.removeRunImages(engine);
        }
    }

    private static String key(Engine engine, int step) {
        return engine.lastReport("sized").steps().get(step).cacheKey();
    }

    private static String entry(Engine engine, int step) {
        return "lattice-cache/step:" + key(engine, step);
    }

    private PruneResult prune(Engine engine, PrunePolicy policy) {
        return new CachePruner(TestEngines.docker(), stateDir, Map.of(RunLabels.RUN, engine.runLabels().runId()))
                .prune(policy);
    }

    @Test
    void aSizeBudgetCountsLayersSharedWithTheBaseImageAndWithAParentEntryOnce() {
        Engine engine = solveTwoSteps();
        try {
            // Both entries hold 6 MB of their own; each image's total (with the base image) is far more than 7 MB.
            PruneResult within = prune(engine, PrunePolicy.unusedFor(Duration.ofDays(1000)).withSizeBudget(7 * MB));

            assertThat(within.removedImages()).isEmpty();

            PruneResult over = prune(engine, PrunePolicy.unusedFor(Duration.ofDays(1000)).withSizeBudget(5_500_000));

            // The newest entries go first (each would hold 6 MB with the ones below); then the first, alone, fits.
            assertThat(over.removedImages()).containsExactlyInAnyOrder(entry(engine, 1), entry(engine, 2),
                    "lattice/engine-client/sized:" + key(engine, 2).substring(0, 12));
            assertThat(over.reclaimedBytes()).isBetween(MB, MB + 100_000);
        } finally {
            TestEngines.removeRunImages(engine);
        }
    }

    @Test
    void reclaimedBytesAreWhatTheRemovedEntriesHeldAlone() {
        Engine engine = solveTwoSteps();
        try {
            PruneResult result = prune(engine, PrunePolicy.unusedFor(Duration.ofDays(1000)).withSizeBudget(0));

            assertThat(result.removedImages()).containsExactlyInAnyOrder(entry(engine, 0), entry(engine, 1),
                    entry(engine, 2), "lattice/engine-client/sized:" + key(engine, 2).substring(0, 12));
            assertThat(result.reclaimedBytes()).isBetween(6 * MB, 6 * MB + 100_000);
        } finally {
            TestEngines.removeRunImages(engine);
        }
    }
}
