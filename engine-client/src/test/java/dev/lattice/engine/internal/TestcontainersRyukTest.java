package dev.lattice.engine.internal;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real engine: a Ryuk image the engine lacks and cannot pull fails in seconds, naming the fix. */
class TestcontainersRyukTest {

    private final DockerConnection.Connection engine = DockerConnection.testcontainersConnection();

    @Test
    void anAbsentRyukImageFailsWithinSecondsNamingTheImageTheEngineAndTheFix() {
        String absent = "lattice-test/absent-ryuk:" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();

        String problem = TestcontainersRyuk.problem(engine, null, absent).orElseThrow();

        assertThat(System.nanoTime() - started).isLessThan(15_000_000_000L);
        assertThat(problem).startsWith("Testcontainers starts its Ryuk container (image " + absent
                        + ") before its first container, but the Docker engine at " + engine.endpoint().uri()
                        + " does not have that image and cannot pull it (")
                .contains("set the environment variable TESTCONTAINERS_RYUK_DISABLED=true");
    }

    @Test
    void ryukDisabledOrAPresentImageIsFine() {
        String absent = "lattice-test/absent-ryuk:" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(TestcontainersRyuk.problem(engine, "true", absent)).isEmpty();
        assertThat(TestcontainersRyuk.problem(engine, null, "debian:bookworm-slim")).isEmpty();
    }
}
