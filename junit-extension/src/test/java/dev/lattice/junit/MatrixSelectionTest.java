package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixSelectionTest {

    private static final List<String> EVERY_CELL = List.of(
            "db=postgres, auth=on", "db=postgres, auth=off",
            "db=mariadb, auth=on", "db=mariadb, auth=off",
            "db=sqlite, auth=on", "db=sqlite, auth=off");

    @Test
    void runsOnlyCellsMatchingTheFilter() {
        EngineRun run = EngineRun.of(Store.class, "lattice.matrix.filter=db=postgres");

        assertThat(run.passedCells()).containsExactly("db=postgres, auth=on", "db=postgres, auth=off");
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
    void passesWhenTheFilterLeavesNoCell() {
        EngineRun run = EngineRun.of(Store.class, "lattice.matrix.filter=db=oracle");

        assertThat(run.passedCells()).isEmpty();
        assertThat(run.results().containerEvents().failed().count()).isZero();
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

    static class Store {
        @MatrixTest
        @Axis(name = "db", values = {"postgres", "mariadb", "sqlite"})
        @Axis(name = "auth", values = {"on", "off"})
        void store(Cell cell) {
        }
    }
}
