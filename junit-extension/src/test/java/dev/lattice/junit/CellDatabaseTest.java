package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.service.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Per-cell databases through the extension: every cell of a parallel matrix gets an empty database of its own, under
 * the same name in every run, also when the server hands out databases it made ahead of need.
 */
class CellDatabaseTest {

    private static final String[] PARALLEL = {"junit.jupiter.execution.parallel.enabled=true",
            "junit.jupiter.execution.parallel.mode.default=concurrent",
            "junit.jupiter.execution.parallel.config.strategy=fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism=8"};

    @Test
    void everyCellOfAParallelMatrixGetsAnEmptyDatabaseOfItsOwnUnderTheSameNameInEveryRun() {
        FreshPerCell.NAMES.clear();
        assertThat(EngineRun.of(FreshPerCell.class, PARALLEL).passedCells()).hasSize(24);
        Map<String, String> first = new TreeMap<>(FreshPerCell.NAMES);
        FreshPerCell.NAMES.clear();

        assertThat(EngineRun.of(FreshPerCell.class, PARALLEL).passedCells()).hasSize(24);

        assertThat(first).hasSize(24);
        assertThat(first.values()).doesNotHaveDuplicates();
        assertThat(new TreeMap<>(FreshPerCell.NAMES)).as("names in the second run").isEqualTo(first);
    }

    @Lattice
    static class FreshPerCell {

        static final Map<String, String> NAMES = new ConcurrentHashMap<>();

        @MatrixTest
        @Axis(name = "db", values = {"postgres", "mariadb"})
        @Axis(name = "i", values = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"})
        void writesToItsOwnDatabase(Cell cell, @ServiceContainer(axis = "db") Database db) throws SQLException {
            boolean postgres = cell.is("db", "postgres");
            try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 Statement statement = connection.createStatement()) {
                assertThat(single(statement, postgres ? "SELECT current_database()" : "SELECT database()"))
                        .isEqualTo(db.databaseName());
                assertThat(single(statement, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                        + (postgres ? "'public'" : "database()"))).as("tables when the cell starts").isEqualTo("0");
                statement.execute("CREATE TABLE mine (cell VARCHAR(64))");
                statement.execute("INSERT INTO mine VALUES ('" + cell.get("i") + "')");
                assertThat(single(statement, "SELECT count(*) FROM mine")).isEqualTo("1");
            }
            NAMES.put(cell.get("db") + "/" + cell.get("i"), db.databaseName());
        }

        private static String single(Statement statement, String query) throws SQLException {
            try (ResultSet rows = statement.executeQuery(query)) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }
}
