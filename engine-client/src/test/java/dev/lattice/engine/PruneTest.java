package dev.lattice.engine;

import dev.lattice.engine.internal.CachePruner;
import dev.lattice.engine.spi.LeftoverSweeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Pruning by size budget, parsing of the command's arguments, and the sweeper's respect for live runs. */
class PruneTest {

    @TempDir
    static Path stateDir;

    static Engine engine;

    @BeforeAll
    static void connect() {
        engine = TestEngines.builder(stateDir).build();
    }

    @AfterAll
    static void cleanUp() {
        TestEngines.removeRunImages(engine);
    }

    @Test
    void zeroSizeBudgetRemovesCacheEntriesSoTheNextSolveBuildsAgain() {
        Container container = Container.from(BASE).withExec("sh", "-c", "echo " + TestEngines.nonce() + " > /n");
        Image first = engine.solve("prune", container);
        String key = engine.lastReport("prune").steps().get(0).cacheKey();

        // Step containers are removed in the background; an image in use cannot be untagged.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestEngines.docker().listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(RunLabels.RUN, engine.runLabels().runId(), RunLabels.KIND, "step"))
                .exec()).isEmpty());

        // A budget of 0 bytes with an unused-for of 1000 days selects by size only; the scope keeps other
        // runs' cache entries (the public prune is engine-wide) out of this test.
        PruneResult result = new CachePruner(TestEngines.docker(), stateDir,
                Map.of(RunLabels.RUN, engine.runLabels().runId()))
                .prune(PrunePolicy.unusedFor(Duration.ofDays(1000)).withSizeBudget(0));

        assertThat(result.removedImages()).contains("lattice-cache/step:" + key);
        assertThat(TestEngines.docker().listImagesCmd().withImageNameFilter("lattice-cache/step:" + key).exec()).isEmpty();
        assertThat(engine.solve("prune", container).id()).isNotEqualTo(first.id());
        assertThat(engine.lastReport("prune").steps().get(0).changes())
                .containsExactly("same inputs as the last solve, but its cache entry is gone (pruned or removed)");
    }

    @Test
    void anEntryThatLostItsTagToALaterCommitOfTheSameKeyIsRemovedWhateverThePolicy() {
        Map<String, String> cacheLabels = engine.runLabels().forKind("cache");
        String tag = "lost-" + TestEngines.nonce();
        String lost = commitCacheImage(cacheLabels, tag, "first");
        String winner = commitCacheImage(cacheLabels, tag, "second");

        PruneResult result = new CachePruner(TestEngines.docker(), stateDir,
                Map.of(RunLabels.RUN, engine.runLabels().runId())).prune(PrunePolicy.unusedFor(Duration.ofDays(1000)));

        assertThat(result.removedImages()).contains(lost).doesNotContain("lattice-cache/step:" + tag);
        assertThat(TestEngines.docker().listImagesCmd().withShowAll(true).exec()).extracting(image -> image.getId())
                .contains(winner).doesNotContain(lost);
    }

    @Test
    void anEntryStillNamedByAPushThatWasKilledIsPrunedLikeAnyOther() {
        Container container = Container.from(BASE).withExec("sh", "-c", "echo " + TestEngines.nonce() + " > /n");
        Image built = engine.solve("pushed", container);
        String key = engine.lastReport("pushed").steps().get(0).cacheKey();
        // The name a push to a registry cache gives the entry while it runs, left behind by a killed JVM.
        String pushName = "127.0.0.1:5000/killed-push/step";
        TestEngines.docker().tagImageCmd("lattice-cache/step:" + key, pushName, key).exec();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestEngines.docker().listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(RunLabels.RUN, engine.runLabels().runId(), RunLabels.KIND, "step"))
                .exec()).isEmpty());

        PruneResult result = new CachePruner(TestEngines.docker(), stateDir,
                Map.of(RunLabels.RUN, engine.runLabels().runId()))
                .prune(PrunePolicy.unusedFor(Duration.ofDays(1000)).withSizeBudget(0));

        assertThat(result.removedImages()).contains("lattice-cache/step:" + key, pushName + ":" + key);
        assertThat(TestEngines.docker().listImagesCmd().withShowAll(true).exec()).extracting(image -> image.getId())
                .doesNotContain(built.id());
    }

    /** Commits a container of the base image as a cache entry, the way two runs racing on one key would. */
    private static String commitCacheImage(Map<String, String> labels, String tag, String content) {
        String container = TestEngines.docker().createContainerCmd(BASE).withCmd("true").exec().getId();
        try {
            return TestEngines.docker().commitCmd(container).withRepository("lattice-cache/step").withTag(tag)
                    .withLabels(labels).withMessage(content).exec();
        } finally {
            TestEngines.docker().removeContainerCmd(container).withForce(true).exec();
        }
    }

    @Test
    void pruneArgumentsParseAndBadOnesSayTheSyntax() {
        assertThat(PrunePolicy.parse("--unused-for", "7d").unusedFor()).isEqualTo(Duration.ofDays(7));
        assertThat(PrunePolicy.parse("--unused-for", "12h", "--size-budget", "2g").sizeBudgetBytes()).hasValue(2L << 30);
        assertThatThrownBy(() -> PrunePolicy.parse("--older", "7d"))
                .hasMessageContaining("expected --unused-for <n>d|h|m|s");
    }

    @Test
    void sweeperKeepsLiveRunsAndRemovesLeftoversOfDeadOnes() {
        Map<String, String> dead = engine.runLabels().forKind("step");
        dead.put(RunLabels.PID, "999999999");
        dead.put(RunLabels.RUN, "dead-" + TestEngines.nonce().substring(0, 8));
        String leftover = TestEngines.docker().createContainerCmd(BASE).withLabels(dead).exec().getId();
        String live = TestEngines.docker().createContainerCmd(BASE).withLabels(engine.runLabels().forKind("step")).exec().getId();

        new LeftoverSweeper(TestEngines.docker(), engine.runLabels()).sweep();

        assertThat(TestEngines.docker().listContainersCmd().withShowAll(true).exec())
                .extracting(c -> c.getId()).contains(live).doesNotContain(leftover);
        TestEngines.docker().removeContainerCmd(live).withForce(true).exec();
    }
}
