package com.example.notes;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Notes in a SQL database (the schema is {@code schema.sql}), on PostgreSQL or MariaDB alike. */
@Repository
public class NoteRepository {

    private final JdbcTemplate jdbc;

    public NoteRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void save(Note note) {
        jdbc.update("INSERT INTO note (id, body) VALUES (?, ?)", note.id(), note.body());
    }

    public List<Note> findAll() {
        return jdbc.query("SELECT id, body FROM note ORDER BY id",
                (row, index) -> new Note(row.getInt("id"), row.getString("body")));
    }
}
