package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lattice.engine.RunLabels;
import dev.lattice.engine.internal.DockerConnection;
import dev.lattice.service.Database;
import dev.lattice.service.Ready;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.testcontainers.containers.GenericContainer;

/** Services through the extension, against the real engine. */
class ServiceRunTest {

    static final Map<String, String> CONTAINER_BY_CELL = new ConcurrentHashMap<>();
    /** Makes the services of this test class's fixtures differ from those of earlier runs in the same JVM. */
    static final String NONCE = java.util.UUID.randomUUID().toString();

    @Test
    void cellsShareOneContainerPerDistinctConfigurationAndNothingIsLeftAfterTheRun() {
        EngineRun run = EngineRun.of(SharedByConfiguration.class, "junit.jupiter.execution.parallel.enabled=true",
                "junit.jupiter.execution.parallel.mode.default=concurrent");

        assertThat(run.failedCells()).isEmpty();
        assertThat(CONTAINER_BY_CELL).hasSize(4);
        assertThat(CONTAINER_BY_CELL.get("mode=a, copy=1")).isEqualTo(CONTAINER_BY_CELL.get("mode=a, copy=2"));
        assertThat(CONTAINER_BY_CELL.get("mode=b, copy=1")).isEqualTo(CONTAINER_BY_CELL.get("mode=b, copy=2"));
        assertThat(CONTAINER_BY_CELL.get("mode=a, copy=1")).isNotEqualTo(CONTAINER_BY_CELL.get("mode=b, copy=1"));
        assertThat(DockerConnection.testcontainersClient().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RunLabels.RUN, RunLabels.current().runId())).exec())
                .as("containers of this run after the run ended").isEmpty();
    }

    @Test
    void aServiceStopsWhenTheLastCellThatUsesItEnds() {
        EngineRun run = EngineRun.of(StopsAfterItsLastCell.class);

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).hasSize(4);
        assertThat(StopsAfterItsLastCell.SEEN).containsExactly(
                "mode=a, copy=1: own running", "mode=a, copy=2: own running",
                "mode=b, copy=1: own running, a removed", "mode=b, copy=2: own running, a removed");
    }

    @Test
    void aServiceAskedForAfterItsLastPlannedCellStoppedItStartsAnewAndIsKept() {
        EngineRun run = EngineRun.of(AskedForAgainAfterItsCells.class);

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).hasSize(3);
        List<String> seen = AskedForAgainAfterItsCells.SEEN;
        assertThat(seen).as("the container of the cell, then of each later test").hasSize(3).doesNotContainNull();
        assertThat(seen.get(1)).as("the service after its only cell ended").isNotEqualTo(seen.get(0));
        assertThat(seen.get(2)).as("the service kept for the rest of the run").isEqualTo(seen.get(1));
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
            assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactlyInAnyOrder(
                    "Last 1 log lines of service \"talker\":" + System.lineSeparator() + "talker: serving flags",
                    "in cell auth=on");
        });
    }

    @Test
    void aSqliteAxisValueNeedsNoContainer() {
        EngineRun run = EngineRun.of(EmbeddedDatabase.class);

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).hasSize(1);
    }

    @Test
    void aTestcontainersContainerIsStartedOnceForEveryClassAndStoppedWithTheRun() {
        EngineRun run = EngineRun.of(List.of(selectClass(WithTestcontainers.class),
                selectClass(AlsoWithTestcontainers.class)));

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).hasSize(3);
        assertThat(SharedSleeper.SEEN).as("the container each test saw running").hasSize(3)
                .allSatisfy(id -> assertThat(id).isNotBlank()).containsOnly(SharedSleeper.SEEN.get(0));
        assertThat(SharedSleeper.SLEEPER.isRunning()).as("running after the run ended").isFalse();
    }

    /** A Testcontainers container that two test classes see; each test records the container it saw running. */
    interface SharedSleeper {

        @ServiceContainer
        GenericContainer<?> SLEEPER = new GenericContainer<>("debian:bookworm-slim").withCommand("sleep", "infinity");
        List<String> SEEN = new CopyOnWriteArrayList<>();

        default void recordRunning() {
            assertThat(SLEEPER.isRunning()).as("running").isTrue();
            SEEN.add(SLEEPER.getContainerId());
        }
    }

    @Lattice
    static class WithTestcontainers implements SharedSleeper {

        @Test
        void seesItRunning() {
            recordRunning();
        }

        @Test
        void seesTheSameContainer() {
            recordRunning();
        }
    }

    @Lattice
    static class AlsoWithTestcontainers implements SharedSleeper {

        @Test
        void seesTheSameContainerFromAnotherClass() {
            recordRunning();
        }
    }

    /** One sleeping container per value of the cell's mode. */
    interface SleeperPerMode {

        @ServiceContainer
        static ServiceSpec sleeper(Cell cell) {
            return ServiceSpec.of("debian:bookworm-slim").withCommand("sleep", "infinity")
                    .withEnv("MODE", cell.get("mode"));
        }
    }

    @Lattice
    static class SharedByConfiguration implements SleeperPerMode {

        @MatrixTest
        @Axis(name = "mode", values = {"a", "b"})
        @Axis(name = "copy", values = {"1", "2"})
        void record(Cell cell, @ServiceContainer("sleeper") Service sleeper) {
            CONTAINER_BY_CELL.put(cell.toString(), sleeper.containerId());
        }
    }

    /** Cells run one after another, in matrix order: the cells of mode a, then those of mode b. */
    @Lattice
    static class StopsAfterItsLastCell implements SleeperPerMode {

        static final Map<String, String> CONTAINER_BY_MODE = new ConcurrentHashMap<>();
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @MatrixTest
        @Axis(name = "mode", values = {"a", "b"})
        @Axis(name = "copy", values = {"1", "2"})
        void record(Cell cell, @ServiceContainer("sleeper") Service sleeper) {
            var docker = DockerConnection.testcontainersClient();
            String mine = CONTAINER_BY_MODE.computeIfAbsent(cell.get("mode"), mode -> sleeper.containerId());
            assertThat(sleeper.containerId()).as("the service of the cells of mode " + cell.get("mode"))
                    .isEqualTo(mine);
            String seen = cell + ": own " + (docker.inspectContainerCmd(mine).exec().getState().getRunning()
                    ? "running" : "stopped");
            if (cell.is("mode", "b")) {
                // Mode a's cells have all ended: its service is being removed, off the cells' path.
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(CONTAINER_BY_MODE.get("a")))
                                .exec().isEmpty());
                seen += ", a removed";
            }
            SEEN.add(seen);
        }
    }

    /** A matrix's only cell holds the service; two later tests ask for it again, outside any planned cell. */
    @Lattice
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class AskedForAgainAfterItsCells {

        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @ServiceContainer
        static ServiceSpec napper() {
            return ServiceSpec.of("debian:bookworm-slim").withCommand("sleep", "infinity")
                    .withEnv("NONCE", NONCE);
        }

        @MatrixTest
        @Axis(name = "mode", values = "a")
        void a1cell(@ServiceContainer("napper") Service napper) {
            SEEN.add(napper.containerId());
        }

        @Test
        void a2afterTheCell(@ServiceContainer("napper") Service napper) {
            assertRunning(napper);
            SEEN.add(napper.containerId());
        }

        @Test
        void a3later(@ServiceContainer("napper") Service napper) {
            assertRunning(napper);
            SEEN.add(napper.containerId());
        }

        private static void assertRunning(Service napper) {
            assertThat(DockerConnection.testcontainersClient().inspectContainerCmd(napper.containerId()).exec()
                    .getState().getRunning()).as("running").isTrue();
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
