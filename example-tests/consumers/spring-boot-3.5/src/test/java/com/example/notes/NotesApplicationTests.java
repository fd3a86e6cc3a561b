package com.example.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** Boot's own Testcontainers test, beside Lattice's, on the image Lattice's catalog builds without a registry. */
@SpringBootTest
@Testcontainers
class NotesApplicationTests {

    // Boot's own Testcontainers test on Lattice's catalog image, in the same run as Lattice's matrix: the container
    // is Testcontainers', and Lattice's clean-up leaves it alone.
    @Container
    @ServiceConnection
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>(
            DockerImageName.parse(LatticeImages.postgres()).asCompatibleSubstituteFor("postgres"));

    @Autowired
    NoteRepository notes;

    @Test
    void savesNotesThroughBootsDataSource() {
        notes.save(new Note(1, "buy milk"));

        assertThat(notes.findAll()).containsExactly(new Note(1, "buy milk"));
    }
}
