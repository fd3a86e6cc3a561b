package dev.lattice.engine.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The names Docker and Podman list one image under. */
class ImageIndexTest {

    @Test
    void aShortNameIsAlsoLookedUpUnderPodmansLocalAndDockerHubNames() {
        assertThat(ImageIndex.names("debian:bookworm-slim")).containsExactly("debian:bookworm-slim",
                "localhost/debian:bookworm-slim", "docker.io/library/debian:bookworm-slim");
        assertThat(ImageIndex.names("lattice-cache/step:abc")).containsExactly("lattice-cache/step:abc",
                "localhost/lattice-cache/step:abc", "docker.io/lattice-cache/step:abc");
    }

    @Test
    void aNameWithARegistryIsLookedUpAsWritten() {
        assertThat(ImageIndex.names("registry.example:5000/app:1")).containsExactly("registry.example:5000/app:1");
        assertThat(ImageIndex.names("localhost/app:1")).containsExactly("localhost/app:1");
    }
}
