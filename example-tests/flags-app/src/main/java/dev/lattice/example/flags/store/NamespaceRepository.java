package dev.lattice.example.flags.store;

import dev.lattice.example.flags.domain.DuplicateException;
import dev.lattice.example.flags.domain.InvalidInputException;
import dev.lattice.example.flags.domain.Keys;
import dev.lattice.example.flags.domain.Namespace;
import dev.lattice.example.flags.domain.NotFoundException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

public final class NamespaceRepository {

    private final Database database;
    private final Tables tables;
    private final Lookups lookups;

    NamespaceRepository(Database database, Tables tables) {
        this.database = database;
        this.tables = tables;
        this.lookups = new Lookups(tables);
    }

    public Namespace create(String key, String name, String description) {
        Keys.require("namespace key", key);
        Namespace namespace = new Namespace(key, name == null || name.isBlank() ? key : name, Keys.orEmpty(description));
        return database.inTransaction(c -> {
            if (lookups.namespaceExists(c, key)) {
                throw new DuplicateException("namespace '" + key + "' already exists");
            }
            insert(c, namespace);
            return namespace;
        });
    }

    /** Creates the default namespace unless it is there already. */
    public void ensureDefault() {
        database.inTransaction(c -> {
            if (!lookups.namespaceExists(c, Namespace.DEFAULT_KEY)) {
                insert(c, new Namespace(Namespace.DEFAULT_KEY, "Default", "The namespace that always exists"));
            }
            return null;
        });
    }

    public Namespace get(String key) {
        return database.inTransaction(c -> {
            try (var statement = Sql.prepare(c, "SELECT ns_key, name, description FROM " + tables.namespaces()
                    + " WHERE ns_key = ?", key); ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new NotFoundException("namespace '" + key + "' not found");
                }
                return read(rows);
            }
        });
    }

    public List<Namespace> list() {
        return database.inTransaction(c -> {
            try (var statement = Sql.prepare(c, "SELECT ns_key, name, description FROM " + tables.namespaces()
                    + " ORDER BY ns_key"); ResultSet rows = statement.executeQuery()) {
                List<Namespace> namespaces = new ArrayList<>();
                while (rows.next()) {
                    namespaces.add(read(rows));
                }
                return namespaces;
            }
        });
    }

    /** Deletes a namespace with everything in it; the default namespace stays. */
    public void delete(String key) {
        if (Namespace.DEFAULT_KEY.equals(key)) {
            throw new InvalidInputException("the default namespace cannot be deleted");
        }
        database.inTransaction(c -> {
            lookups.requireNamespace(c, key);
            for (String table : List.of(tables.rules(), tables.constraints(), tables.segments(), tables.variants(),
                    tables.flags(), tables.namespaces())) {
                Sql.update(c, "DELETE FROM " + table + " WHERE ns_key = ?", key);
            }
            return null;
        });
    }

    private void insert(Connection c, Namespace namespace) throws SQLException {
        Sql.update(c, "INSERT INTO " + tables.namespaces() + " (ns_key, name, description) VALUES (?, ?, ?)",
                namespace.key(), namespace.name(), namespace.description());
    }

    private static Namespace read(ResultSet rows) throws SQLException {
        return new Namespace(rows.getString("ns_key"), rows.getString("name"), rows.getString("description"));
    }
}
