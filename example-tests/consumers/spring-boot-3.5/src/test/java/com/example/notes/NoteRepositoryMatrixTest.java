package com.example.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.junit.Axis;
import dev.lattice.junit.Lattice;
import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.service.Database;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The application's repository on every database it supports: one cell per database, each on a fresh one. */
@Lattice
class NoteRepositoryMatrixTest {

    @MatrixTest
    @Axis(name = "db", values = {"postgres", "mariadb"})
    void storesAndReadsNotes(@ServiceContainer(axis = "db") Database db) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
        NoteRepository notes = new NoteRepository(new JdbcTemplate(dataSource));

        notes.save(new Note(2, "water the plants"));
        notes.save(new Note(1, "buy milk"));

        assertThat(notes.findAll()).as("notes on %s", db.kind())
                .containsExactly(new Note(1, "buy milk"), new Note(2, "water the plants"));
    }
}
