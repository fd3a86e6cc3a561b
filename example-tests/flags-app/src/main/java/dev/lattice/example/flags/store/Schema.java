package dev.lattice.example.flags.store;

import java.sql.Statement;
import java.util.List;

/**
 * Portable DDL: VARCHAR keys (MariaDB cannot index TEXT without a length), ids made by the application (no
 * auto-increment, whose syntax differs everywhere), no foreign keys (SQLite ignores them unless asked per
 * connection, so the store deletes dependants itself to behave the same on all three), and no column named
 * after a reserved word such as KEY or RANK.
 */
public final class Schema {

    private static final String KEY = "VARCHAR(" + dev.lattice.example.flags.domain.Keys.MAX_KEY_LENGTH + ")";
    private static final String ID = "VARCHAR(36)";

    private final Database database;
    private final Tables tables;

    public Schema(Database database, Tables tables) {
        this.database = database;
        this.tables = tables;
    }

    /** Creates missing tables; safe to run on every start. */
    public void create() {
        String options = database.dialect().tableOptions();
        List<String> ddl = List.of(
                "CREATE TABLE IF NOT EXISTS " + tables.namespaces() + " ("
                        + "ns_key " + KEY + " NOT NULL PRIMARY KEY, "
                        + "name VARCHAR(255) NOT NULL, description TEXT NOT NULL)" + options,
                "CREATE TABLE IF NOT EXISTS " + tables.flags() + " ("
                        + "ns_key " + KEY + " NOT NULL, flag_key " + KEY + " NOT NULL, "
                        + "name VARCHAR(255) NOT NULL, description TEXT NOT NULL, enabled BOOLEAN NOT NULL, "
                        + "PRIMARY KEY (ns_key, flag_key))" + options,
                "CREATE TABLE IF NOT EXISTS " + tables.variants() + " ("
                        + "ns_key " + KEY + " NOT NULL, flag_key " + KEY + " NOT NULL, variant_key " + KEY
                        + " NOT NULL, name VARCHAR(255) NOT NULL, attachment TEXT NOT NULL, "
                        + "PRIMARY KEY (ns_key, flag_key, variant_key))" + options,
                "CREATE TABLE IF NOT EXISTS " + tables.segments() + " ("
                        + "ns_key " + KEY + " NOT NULL, segment_key " + KEY + " NOT NULL, "
                        + "name VARCHAR(255) NOT NULL, match_type VARCHAR(8) NOT NULL, "
                        + "PRIMARY KEY (ns_key, segment_key))" + options,
                "CREATE TABLE IF NOT EXISTS " + tables.constraints() + " ("
                        + "id " + ID + " NOT NULL PRIMARY KEY, ns_key " + KEY + " NOT NULL, segment_key " + KEY
                        + " NOT NULL, property VARCHAR(255) NOT NULL, op VARCHAR(16) NOT NULL, "
                        + "value_text TEXT NOT NULL, created_seq BIGINT NOT NULL)" + options,
                "CREATE TABLE IF NOT EXISTS " + tables.rules() + " ("
                        + "id " + ID + " NOT NULL PRIMARY KEY, ns_key " + KEY + " NOT NULL, flag_key " + KEY
                        + " NOT NULL, segment_key " + KEY + " NOT NULL, variant_key " + KEY + " NOT NULL, "
                        + "rule_rank INTEGER NOT NULL, UNIQUE (ns_key, flag_key, rule_rank))" + options);
        database.inTransaction(c -> {
            try (Statement statement = c.createStatement()) {
                for (String sql : ddl) {
                    statement.execute(sql);
                }
            }
            return null;
        });
    }

    /** Removes this store's tables; used by tests to leave a shared database as they found it. */
    public void drop() {
        List<String> names = List.of(tables.rules(), tables.constraints(), tables.segments(), tables.variants(),
                tables.flags(), tables.namespaces());
        database.inTransaction(c -> {
            try (Statement statement = c.createStatement()) {
                for (String name : names) {
                    statement.execute("DROP TABLE IF EXISTS " + name);
                }
            }
            return null;
        });
    }
}
