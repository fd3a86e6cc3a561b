package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Image;
import dev.lattice.engine.internal.DockerConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * At the end of a run, the cache keeps the last solves of each pipeline and loses what only older ones used, in
 * the background; never what the run itself used. Against the real engine and the user's cache records.
 */
class AutomaticPruneRunTest {

    static final String NONCE = UUID.randomUUID().toString();
    static volatile Image built;

    static Container retained(int version) {
        return Container.from("debian:bookworm-slim").withExec("sh", "-c", "echo " + NONCE + " " + version + " > /v");
    }

    @Test
    void theEndOfARunRemovesWhatOnlyAnOlderSolveOfAPipelineUsed() {
        DockerClient docker = DockerConnection.testcontainersClient();
        List<String> older = new ArrayList<>();
        // An earlier run (another run id, same engine and cache records) built the pipeline's first version.
        try (Engine earlier = Engine.builder().runId("earlier-" + NONCE.substring(0, 8)).build()) {
            Image first = earlier.solve("retained", retained(1));
            older.add(first.id());
            earlier.lastReport("retained").steps().forEach(step -> older.add("lattice-cache/step:" + step.cacheKey()));
        }
        try {
            EngineRun run = EngineRun.of(SecondVersion.class, "lattice.cache.prune.keep-last=1",
                    "lattice.cache.prune.size-budget=1000g", "lattice.cache.prune.unused-for=36500d");

            assertThat(run.failedCells()).isEmpty();
            assertThat(run.passedCells()).hasSize(1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(older)
                    .allMatch(name -> docker.listImagesCmd().withShowAll(true).exec().stream().noneMatch(image ->
                            image.getId().equals(name) || image.getRepoTags() != null
                                    && List.of(image.getRepoTags()).contains(name)), "is gone"));
            // What this run used stays.
            assertThat(docker.inspectImageCmd(built.reference()).exec().getId()).isEqualTo(built.id());
        } finally {
            List<String> leftovers = new ArrayList<>(older);
            if (built != null) {
                leftovers.add(built.reference());
            }
            for (String name : leftovers) {
                try {
                    docker.removeImageCmd(name).exec();
                } catch (RuntimeException alreadyGone) {
                    // Pruned, as expected.
                }
            }
        }
    }

    @Test
    void wrongPruneSettingsAreAConfigurationErrorBeforeAnythingStarts() {
        EngineRun run = EngineRun.of(SecondVersion.class, "lattice.cache.prune.size-budget=-1g");

        assertThat(run.configurationError()).isEqualTo("Configuration error: Cache prune settings:"
                + " lattice.cache.prune.size-budget: -1g is negative; give zero or more, <n>g, <n>m or <n>k,"
                + " such as 20g");
        assertThat(run.passedCells()).isEmpty();
    }

    @Lattice
    static class SecondVersion {
        @PipelineContainer
        static Container retained() {
            return AutomaticPruneRunTest.retained(2);
        }

        @Test
        void usesIt(@PipelineContainer("retained") Image image) {
            built = image;
        }
    }
}
