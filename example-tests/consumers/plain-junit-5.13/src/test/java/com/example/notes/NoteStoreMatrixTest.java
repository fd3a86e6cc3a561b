package com.example.notes;

// tag::first-test[]
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lattice.junit.Axis;
import dev.lattice.junit.Cell;
import dev.lattice.junit.Lattice;
import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.service.Database;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The store on each database, with one note and with several: four cells, each on a fresh database. */
@Lattice
class NoteStoreMatrixTest {

    @MatrixTest
    @Axis(name = "db", values = {"postgres", "mariadb"})
    @Axis(name = "notes", values = {"1", "3"})
    void storesAndReadsNotes(Cell cell, @ServiceContainer(axis = "db") Database db) throws SQLException {
        NoteStore store = new NoteStore(db.jdbcUrl(), db.username(), db.password());
        store.createTable();
        List<String> expected = new ArrayList<>();
        for (int id = 1; id <= Integer.parseInt(cell.get("notes")); id++) {
            store.add(id, "note " + id);
            expected.add("note " + id);
        }

        assertEquals(expected, store.bodies(), "notes on " + db.kind());
    }
}
// end::first-test[]
