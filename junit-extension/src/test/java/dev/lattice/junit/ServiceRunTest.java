package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lattice.engine.RunLabels;
import dev.lattice.engine.internal.DockerConnection;
import dev.lattice.service.Database;
import dev.lattice.service.Ready;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.testcontainers.containers.GenericContainer;

/** Services through the extension, against the real engine. */
class ServiceRunTest {

    static final Map<String, String> CONTAINER_BY_CELL = new ConcurrentHashMap<>();

    @Test
    void cellsShareOneContainerPerDistinctConfigurationAndNothingIsLeftAfterTheRun() {
        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .selectors(selectClass(SharedByConfiguration.class))
                .execute();

        assertThat(results.testEvents().failed().list()).isEmpty();
        assertThat(CONTAINER_BY_CELL).hasSize(4);
        assertThat(CONTAINER_BY_CELL.get("mode=a, copy=1")).isEqualTo(CONTAINER_BY_CELL.get("mode=a, copy=2"));
        assertThat(CONTAINER_BY_CELL.get("mode=b, copy=1")).isEqualTo(CONTAINER_BY_CELL.get("mode=b, copy=2"));
        assertThat(CONTAINER_BY_CELL.get("mode=a, copy=1")).isNotEqualTo(CONTAINER_BY_CELL.get("mode=b, copy=1"));
        assertThat(DockerConnection.testcontainersClient().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RunLabels.RUN, RunLabels.current().runId())).exec())
                .as("containers of this run after the run ended").isEmpty();
    }

    @Test
    void aFailingCellCarriesTheLogsOfTheServicesItUsed() {
        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .selectors(selectClass(FailingCell.class))
                .execute();

        List<Throwable> failures = results.testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure).hasMessage("the flag was off");
            assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
                    .isEqualTo("Last 1 log lines of service \"talker\":" + System.lineSeparator()
                            + "talker: serving flags");
        });
    }

    @Test
    void aSqliteAxisValueNeedsNoContainer() {
        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .selectors(selectClass(EmbeddedDatabase.class))
                .execute();

        assertThat(results.testEvents().failed().list()).isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
    }

    @Test
    void aTestcontainersContainerIsStartedOnceAndStoppedWithTheRun() {
        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .selectors(selectClass(WithTestcontainers.class))
                .execute();

        assertThat(results.testEvents().failed().list()).isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(2);
        assertThat(WithTestcontainers.SLEEPER.isRunning()).as("running after the run ended").isFalse();
    }

    @Lattice
    static class WithTestcontainers {

        @ServiceContainer
        static final GenericContainer<?> SLEEPER = new GenericContainer<>("debian:bookworm-slim")
                .withCommand("sleep", "infinity");

        @Test
        void seesItRunning() {
            assertThat(SLEEPER.isRunning()).isTrue();
        }

        @Test
        void seesTheSameContainer() {
            assertThat(SLEEPER.getContainerId()).isNotBlank();
        }
    }

    @Lattice
    static class SharedByConfiguration {

        @ServiceContainer
        static ServiceSpec sleeper(Cell cell) {
            return ServiceSpec.of("debian:bookworm-slim").withCommand("sleep", "infinity")
                    .withEnv("MODE", cell.get("mode"));
        }

        @MatrixTest
        @Axis(name = "mode", values = {"a", "b"})
        @Axis(name = "copy", values = {"1", "2"})
        void record(Cell cell, @ServiceContainer("sleeper") Service sleeper) {
            CONTAINER_BY_CELL.put(cell.toString(), sleeper.containerId());
        }
    }

    @Lattice
    static class FailingCell {

        @ServiceContainer
        static ServiceSpec talker() {
            return ServiceSpec.of("debian:bookworm-slim")
                    .withCommand("sh", "-c", "echo talker: serving flags; sleep infinity")
                    .waitingFor(Ready.logLine("serving flags", 1));
        }

        @MatrixTest
        @Axis(name = "auth", values = "on")
        void fails(@ServiceContainer("talker") Service talker) {
            throw new AssertionError("the flag was off");
        }
    }

    @Lattice
    static class EmbeddedDatabase {

        @MatrixTest
        @Axis(name = "db", values = "sqlite")
        void usesAFile(@ServiceContainer(axis = "db") Database db) {
            assertThat(db.kind()).isEqualTo("sqlite");
            assertThat(db.service()).isEmpty();
            assertThat(db.jdbcUrl()).startsWith("jdbc:sqlite:").endsWith(".db");
        }
    }
}
