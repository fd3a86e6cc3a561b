package dev.lattice.engine.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The versions Lattice supports, and the message that names the ones a run has when they are older. */
class RuntimeVersionsTest {

    @Test
    void acceptsWhatTestcontainers121And20Bring() {
        assertThat(RuntimeVersions.problems("1.21.4", "1.24.0", "3.4.2")).isEmpty();
        assertThat(RuntimeVersions.problems("2.0.5", "1.28.0", "3.7.1")).isEmpty();
    }

    @Test
    void namesEveryLibraryOlderThanSupported() {
        assertThat(RuntimeVersions.problems("1.20.6", "1.23.0", "3.3.6")).containsExactly(
                "Testcontainers 1.20.6 is older than 1.21",
                "Commons Compress 1.23.0 is older than 1.24",
                "docker-java 3.3.6 is older than 3.4");
    }

    @Test
    void passesVersionsItCannotRead() {
        assertThat(RuntimeVersions.problems(null, "", "unknown")).isEmpty();
    }

    @Test
    void thisRunsLibrariesPass() {
        RuntimeVersions.check();
    }
}
