package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** A cell's unique id names the same cell with or without filters and shards, so replaying it reruns that cell. */
class CellUniqueIdTest {

    private static final String NL = System.lineSeparator();

    @Test
    void aCellKeepsItsUniqueIdUnderAFilterAndAShard() {
        Map<String, String> whole = idsByName(EngineRun.of(Store.class));
        Map<String, String> filtered = idsByName(EngineRun.of(Store.class, "lattice.matrix.filter=db=sqlite|mariadb"));
        Map<String, String> sharded = idsByName(EngineRun.of(Store.class, "lattice.matrix.shard=2/3"));

        assertThat(whole).hasSize(6);
        assertThat(filtered).hasSize(4);
        assertThat(whole).containsAllEntriesOf(filtered).containsAllEntriesOf(sharded);
    }

    @Test
    void aUniqueIdReplayedRunsExactlyThatCell() {
        String id = idsByName(EngineRun.of(Store.class)).get("db=mariadb, auth=off");

        EngineRun replay = EngineRun.of(List.of(selectUniqueId(id)));

        assertThat(replay.passedCells()).containsExactly("db=mariadb, auth=off");
        assertThat(replay.passedIds()).containsExactly(id);
    }

    @Test
    void aUniqueIdReplayedRunsItsCellEvenWhereTheFilterAndShardWouldSkipIt() {
        String id = idsByName(EngineRun.of(Store.class)).get("db=mariadb, auth=off");

        EngineRun filtered = EngineRun.of(List.of(selectUniqueId(id)), "lattice.matrix.filter=db=postgres");
        EngineRun sharded = EngineRun.of(List.of(selectUniqueId(id)), "lattice.matrix.shard=1/1000");

        assertThat(filtered.passedCells()).containsExactly("db=mariadb, auth=off");
        assertThat(sharded.passedCells()).containsExactly("db=mariadb, auth=off");
    }

    @Test
    void aLauncherRecordsTheCellsAskedForWithTheListenerItFindsOnTheClassPath() {
        String id = idsByName(EngineRun.of(Store.class)).get("db=sqlite, auth=on");
        List<String> finished = new CopyOnWriteArrayList<>();
        TestExecutionListener recorder = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    finished.add(test.getDisplayName() + ": " + result.getStatus());
                }
            }
        };

        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("lattice.matrix.filter", "db=postgres")
                .selectors(selectUniqueId(id))
                .build(), recorder);

        assertThat(finished).containsExactly("db=sqlite, auth=on: SUCCESSFUL");
    }

    @Nested
    @DisplayName("fails when")
    class FailsWhen {

        @Test
        void aReplayedUniqueIdNamesACellPastTheEndOfTheMatrix() {
            String id = idsByName(EngineRun.of(Store.class)).get("db=postgres, auth=on");
            UniqueId gone = UniqueId.parse(id).removeLastSegment().append("test-template-invocation", "#7");

            EngineRun replay = EngineRun.of(List.of(selectUniqueId(gone)));

            assertThat(replay.configurationError()).isEqualTo("1 configuration error(s) in CellUniqueIdTest.Store#store:"
                    + NL + "- The run asks for cell #7 of [CellUniqueIdTest.Store#store] by unique id, but the matrix"
                    + " has 6 cell(s); run the method as a whole to see its cells as they are now");
        }
    }

    private static Map<String, String> idsByName(EngineRun run) {
        Map<String, String> ids = new LinkedHashMap<>();
        run.results().testEvents().succeeded().stream().forEach(event -> ids.put(
                event.getTestDescriptor().getDisplayName(), event.getTestDescriptor().getUniqueId().toString()));
        return ids;
    }

    static class Store {
        @MatrixTest
        @Axis(name = "db", values = {"postgres", "mariadb", "sqlite"})
        @Axis(name = "auth", values = {"on", "off"})
        void store(Cell cell) {
        }
    }
}
