package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MatrixSelectionTest {

    private static final String NL = System.lineSeparator();

    private static final List<String> EVERY_CELL = List.of(
            "db=postgres, auth=on", "db=postgres, auth=off",
            "db=mariadb, auth=on", "db=mariadb, auth=off",
            "db=sqlite, auth=on", "db=sqlite, auth=off");

    @Test
    void runsOnlyCellsMatchingTheFilterAndSkipsTheOthersSayingWhy() {
        EngineRun run = EngineRun.of(Store.class, "lattice.matrix.filter=db=postgres");

        assertThat(run.passedCells()).containsExactly("db=postgres, auth=on", "db=postgres, auth=off");
        assertThat(run.skippedCells()).containsExactly(
                "db=mariadb, auth=on: not selected by lattice.matrix.filter=db=postgres",
                "db=mariadb, auth=off: not selected by lattice.matrix.filter=db=postgres",
                "db=sqlite, auth=on: not selected by lattice.matrix.filter=db=postgres",
                "db=sqlite, auth=off: not selected by lattice.matrix.filter=db=postgres");
    }

    @Test
    void skipsCellsOfOtherShardsNamingTheirShard() {
        EngineRun run = EngineRun.of(Store.class, "lattice.matrix.shard=2/4");

        assertThat(run.skippedCells()).isNotEmpty().allSatisfy(skipped ->
                assertThat(skipped).matches(".*: in shard [134]/4, this run is 2/4"));
        assertThat(run.passedCells().size() + run.skippedCells().size()).isEqualTo(EVERY_CELL.size());
    }

    @Test
    void requiresEveryPairOfTheFilter() {
        EngineRun run = EngineRun.of(Store.class, "lattice.matrix.filter=db=postgres, auth=on");

        assertThat(run.passedCells()).containsExactly("db=postgres, auth=on");
    }

    @Test
    void acceptsAlternativesInTheFilter() {
        EngineRun run = EngineRun.of(Store.class, "lattice.matrix.filter=db=postgres|mariadb,auth=off");

        assertThat(run.passedCells()).containsExactly("db=postgres, auth=off", "db=mariadb, auth=off");
    }

    @Test
    void ignoresFilterPairsNamingAxesTheMatrixLacks() {
        EngineRun unrelated = EngineRun.of(Store.class, "lattice.matrix.filter=transport=grpc");
        EngineRun partly = EngineRun.of(Store.class, "lattice.matrix.filter=transport=grpc,db=sqlite");

        assertThat(unrelated.passedCells()).containsExactlyElementsOf(EVERY_CELL);
        assertThat(partly.passedCells()).containsExactly("db=sqlite, auth=on", "db=sqlite, auth=off");
    }

    @Test
    void putsEveryCellInExactlyOneShard() {
        List<String> union = new ArrayList<>();
        for (int shard = 1; shard <= 4; shard++) {
            EngineRun run = EngineRun.of(Store.class, "lattice.matrix.shard=" + shard + "/4");
            assertThat(run.results().containerEvents().failed().count()).isZero();
            union.addAll(run.passedCells());
        }

        assertThat(union).containsExactlyInAnyOrderElementsOf(EVERY_CELL);
    }

    @Test
    void keepsEachCellInTheSameShardAcrossRuns() {
        for (int shard = 1; shard <= 4; shard++) {
            String setting = "lattice.matrix.shard=" + shard + "/4";
            assertThat(EngineRun.of(Store.class, setting).passedCells())
                    .isEqualTo(EngineRun.of(Store.class, setting).passedCells());
        }
    }

    @Test
    void keepsEachCellInItsShardWhenOthersAreFilteredOut() {
        for (int shard = 1; shard <= 4; shard++) {
            List<String> unfiltered = EngineRun.of(Store.class, "lattice.matrix.shard=" + shard + "/4").passedCells();
            List<String> filtered = EngineRun.of(Store.class, "lattice.matrix.shard=" + shard + "/4",
                    "lattice.matrix.filter=auth=on").passedCells();

            assertThat(filtered).containsExactlyElementsOf(
                    unfiltered.stream().filter(cell -> cell.endsWith("auth=on")).toList());
        }
    }

    @Test
    void runsEveryCellInTheOnlyShard() {
        EngineRun run = EngineRun.of(Store.class, "lattice.matrix.shard=1/1");

        assertThat(run.passedCells()).containsExactlyElementsOf(EVERY_CELL);
    }

    @Nested
    @DisplayName("fails when")
    class FailsWhen {

        @Test
        void theFilterAsksForAValueTheAxisDoesNotHave() {
            EngineRun run = EngineRun.of(Store.class, "lattice.matrix.filter=db=zzz");

            assertThat(run.configurationError()).isEqualTo("1 configuration error(s) in MatrixSelectionTest.Store#store:"
                    + NL + "- Configuration parameter lattice.matrix.filter=db=zzz asks for value \"zzz\" of axis"
                    + " \"db\", which [MatrixSelectionTest.Store#store] does not have; its values are postgres,"
                    + " mariadb, sqlite; fix the filter");
            assertThat(run.passedCells()).isEmpty();
        }

        @Test
        void theFilterMisspellsAValue() {
            EngineRun run = EngineRun.of(Store.class, "lattice.matrix.filter=db=postgres|maridb");

            assertThat(run.configurationError()).isEqualTo("1 configuration error(s) in MatrixSelectionTest.Store#store:"
                    + NL + "- Configuration parameter lattice.matrix.filter=db=postgres|maridb asks for value"
                    + " \"maridb\" of axis \"db\", which [MatrixSelectionTest.Store#store] does not have; its values"
                    + " are postgres, mariadb, sqlite; did you mean \"mariadb\"? fix the filter");
        }

        @Test
        void theFilterLeavesNoCellInAnyMatrix() {
            EngineRun excluded = EngineRun.of(NoSqliteWithAuth.class, "lattice.matrix.filter=db=sqlite,auth=on");

            assertThat(excluded.passedCells()).isEmpty();
            // Known only once every matrix of the run has been seen: the run's engine fails as it ends.
            assertThat(excluded.containerFailure()).hasRootCauseMessage("Configuration parameter lattice.matrix.filter="
                    + "db=sqlite,auth=on selects no cell of the 1 matrix test method(s) of this run, so nothing ran;"
                    + " widen the filter or remove it");
        }
    }

    @Test
    void warnsOnceOfAFilterAxisThatNoMatrixHas() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        EngineRun run;
        try {
            run = EngineRun.of(List.of(selectClass(Store.class), selectClass(NoSqliteWithAuth.class)),
                    "lattice.matrix.filter=trasnport=grpc");
        } finally {
            System.setErr(original);
        }

        assertThat(run.passedCells()).hasSize(EVERY_CELL.size() + 3);
        assertThat(captured.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("Lattice")))
                .containsExactly("WARNING: Lattice: configuration parameter lattice.matrix.filter=trasnport=grpc names"
                        + " axis \"trasnport\", which no matrix of this run has (their axes: auth, db); the filter"
                        + " does not narrow any matrix by it");
    }

    static class NoSqliteWithAuth {
        @MatrixTest
        @Axis(name = "db", values = {"postgres", "sqlite"})
        @Axis(name = "auth", values = {"on", "off"})
        @ExcludeCell({"db=sqlite", "auth=on"})
        void store(Cell cell) {
        }
    }

    static class Store {
        @MatrixTest
        @Axis(name = "db", values = {"postgres", "mariadb", "sqlite"})
        @Axis(name = "auth", values = {"on", "off"})
        void store(Cell cell) {
        }
    }
}
