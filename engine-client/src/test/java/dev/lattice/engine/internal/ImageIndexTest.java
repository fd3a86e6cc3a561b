package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What one solve's index of the engine's images answers, on the real engine. */
class ImageIndexTest {

    @Test
    void aReferenceIsFoundByAnyOfItsNamesAndAnswersTheSameForTheWholeSolve() {
        DockerClient docker = DockerConnection.testcontainersClient();
        String base = docker.inspectImageCmd("debian:bookworm-slim").exec().getId();
        String key = "index-test-" + UUID.randomUUID();
        String late = "index-test-late-" + UUID.randomUUID();
        docker.tagImageCmd(base, StepImages.CACHE_REPOSITORY, key).exec();
        try {
            ImageIndex index = ImageIndex.of(docker);
            assertThat(index.idOf("debian:bookworm-slim")).contains(base);
            assertThat(index.idOf("docker.io/library/debian:bookworm-slim")).contains(base);
            assertThat(index.cacheEntry(key)).contains(base);
            assertThat(index.cacheEntry(late)).as("not tagged yet").isEmpty();

            docker.tagImageCmd(base, StepImages.CACHE_REPOSITORY, late).exec();
            docker.removeImageCmd(StepImages.CACHE_REPOSITORY + ":" + key).withNoPrune(true).exec();
            // The solve that asked goes on with what it was told (it takes what another process made meanwhile under
            // the step's lock, not from the index); a new solve's index sees the engine as it is now.
            assertThat(index.cacheEntry(late)).isEmpty();
            assertThat(index.cacheEntry(key)).contains(base);
            ImageIndex next = ImageIndex.of(docker);
            assertThat(next.cacheEntry(late)).contains(base);
            assertThat(next.cacheEntry(key)).isEmpty();
        } finally {
            for (String tag : new String[] {key, late}) {
                try {
                    docker.removeImageCmd(StepImages.CACHE_REPOSITORY + ":" + tag).withNoPrune(true).exec();
                } catch (RuntimeException gone) {
                    // Removed above.
                }
            }
        }
    }
}
