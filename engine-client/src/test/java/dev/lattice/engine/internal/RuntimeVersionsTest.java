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
                "this run has Testcontainers 1.20.6, older than 1.21",
                "this run has Commons Compress 1.23.0, older than 1.24",
                "this run has docker-java 3.3.6, older than 3.4");
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
