package com.example.notes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Boot's own Testcontainers test, beside Lattice's, on the image Lattice's catalog builds without a registry. */
@SpringBootTest
@Testcontainers
class NotesApplicationTests {

    // Containers inherit their image's labels, and the catalog's images still carry the dev.lattice.* labels of the
    // run that built them: Lattice's sweep of killed runs' leftovers would remove this container mid-test.
    @Container
    @ServiceConnection
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(
            DockerImageName.parse(LatticeImages.postgres()).asCompatibleSubstituteFor("postgres"))
            .withLabel("dev.lattice.managed", "false");

    @Autowired
    NoteRepository notes;

    @Test
    void savesNotesThroughBootsDataSource() {
        notes.save(new Note(1, "buy milk"));

        assertThat(notes.findAll()).containsExactly(new Note(1, "buy milk"));
    }
}
