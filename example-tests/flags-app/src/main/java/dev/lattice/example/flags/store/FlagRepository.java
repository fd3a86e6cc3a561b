package dev.lattice.example.flags.store;

import dev.lattice.example.flags.domain.DuplicateException;
import dev.lattice.example.flags.domain.Flag;
import dev.lattice.example.flags.domain.Keys;
import dev.lattice.example.flags.domain.NotFoundException;
import dev.lattice.example.flags.domain.Variant;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Flags and their variants. */
public final class FlagRepository {

    private final Database database;
    private final Tables tables;
    private final Lookups lookups;

    FlagRepository(Database database, Tables tables) {
        this.database = database;
        this.tables = tables;
        this.lookups = new Lookups(tables);
    }

    public Flag create(String ns, String key, String name, String description, boolean enabled) {
        Keys.require("flag key", key);
        String shownName = name == null || name.isBlank() ? key : name;
        return database.inTransaction(c -> {
            lookups.requireNamespace(c, ns);
            if (lookups.flagExists(c, ns, key)) {
                throw new DuplicateException("flag '" + key + "' already exists in namespace '" + ns + "'");
            }
            Sql.update(c, "INSERT INTO " + tables.flags()
                            + " (ns_key, flag_key, name, description, enabled) VALUES (?, ?, ?, ?, ?)",
                    ns, key, shownName, Keys.orEmpty(description), enabled);
            return new Flag(ns, key, shownName, Keys.orEmpty(description), enabled, List.of());
        });
    }

    public Flag get(String ns, String key) {
        return database.inTransaction(c -> find(c, ns, key));
    }

    public List<Flag> list(String ns) {
        return database.inTransaction(c -> {
            lookups.requireNamespace(c, ns);
            List<Flag> flags = new ArrayList<>();
            try (var statement = Sql.prepare(c, "SELECT flag_key, name, description, enabled FROM " + tables.flags()
                    + " WHERE ns_key = ? ORDER BY flag_key", ns); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    flags.add(read(rows, ns, List.of()));
                }
            }
            List<Flag> withVariants = new ArrayList<>(flags.size());
            for (Flag flag : flags) {
                withVariants.add(new Flag(ns, flag.key(), flag.name(), flag.description(), flag.enabled(),
                        variants(c, ns, flag.key())));
            }
            return withVariants;
        });
    }

    public Flag update(String ns, String key, String name, String description, boolean enabled) {
        return database.inTransaction(c -> {
            lookups.requireFlag(c, ns, key);
            Sql.update(c, "UPDATE " + tables.flags() + " SET name = ?, description = ?, enabled = ?"
                            + " WHERE ns_key = ? AND flag_key = ?",
                    name == null || name.isBlank() ? key : name, Keys.orEmpty(description), enabled, ns, key);
            return find(c, ns, key);
        });
    }

    /** Deletes a flag, its variants and its rules. */
    public void delete(String ns, String key) {
        database.inTransaction(c -> {
            lookups.requireFlag(c, ns, key);
            for (String table : List.of(tables.rules(), tables.variants(), tables.flags())) {
                Sql.update(c, "DELETE FROM " + table + " WHERE ns_key = ? AND flag_key = ?", ns, key);
            }
            return null;
        });
    }

    public Variant createVariant(String ns, String flagKey, String key, String name, String attachment) {
        Keys.require("variant key", key);
        Variant variant = new Variant(key, name == null || name.isBlank() ? key : name, Keys.orEmpty(attachment));
        return database.inTransaction(c -> {
            lookups.requireFlag(c, ns, flagKey);
            if (lookups.variantExists(c, ns, flagKey, key)) {
                throw new DuplicateException("variant '" + key + "' already exists on flag '" + flagKey + "'");
            }
            Sql.update(c, "INSERT INTO " + tables.variants()
                            + " (ns_key, flag_key, variant_key, name, attachment) VALUES (?, ?, ?, ?, ?)",
                    ns, flagKey, variant.key(), variant.name(), variant.attachment());
            return variant;
        });
    }

    Flag find(Connection c, String ns, String key) throws SQLException {
        lookups.requireNamespace(c, ns);
        try (var statement = Sql.prepare(c, "SELECT flag_key, name, description, enabled FROM " + tables.flags()
                + " WHERE ns_key = ? AND flag_key = ?", ns, key); ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new NotFoundException("flag '" + key + "' not found in namespace '" + ns + "'");
            }
            return read(rows, ns, variants(c, ns, key));
        }
    }

    private List<Variant> variants(Connection c, String ns, String flagKey) throws SQLException {
        try (var statement = Sql.prepare(c, "SELECT variant_key, name, attachment FROM " + tables.variants()
                + " WHERE ns_key = ? AND flag_key = ? ORDER BY variant_key", ns, flagKey);
             ResultSet rows = statement.executeQuery()) {
            List<Variant> variants = new ArrayList<>();
            while (rows.next()) {
                variants.add(new Variant(rows.getString("variant_key"), rows.getString("name"),
                        rows.getString("attachment")));
            }
            return variants;
        }
    }

    private static Flag read(ResultSet rows, String ns, List<Variant> variants) throws SQLException {
        return new Flag(ns, rows.getString("flag_key"), rows.getString("name"), rows.getString("description"),
                rows.getBoolean("enabled"), variants);
    }
}
