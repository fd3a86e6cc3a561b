package com.example.notes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Notes in a SQL database over plain JDBC, on PostgreSQL or MariaDB alike. */
public final class NoteStore {

    private final String url;
    private final String user;
    private final String password;

    public NoteStore(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public void createTable() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS note (id INT PRIMARY KEY, body VARCHAR(200) NOT NULL)");
        }
    }

    public void add(int id, String body) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO note (id, body) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, body);
            insert.executeUpdate();
        }
    }

    public List<String> bodies() throws SQLException {
        List<String> bodies = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT body FROM note ORDER BY id")) {
            while (rows.next()) {
                bodies.add(rows.getString(1));
            }
        }
        return bodies;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
