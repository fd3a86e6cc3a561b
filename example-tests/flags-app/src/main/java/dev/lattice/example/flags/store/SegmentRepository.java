package dev.lattice.example.flags.store;

import dev.lattice.example.flags.domain.Constraint;
import dev.lattice.example.flags.domain.DuplicateException;
import dev.lattice.example.flags.domain.Keys;
import dev.lattice.example.flags.domain.MatchType;
import dev.lattice.example.flags.domain.NotFoundException;
import dev.lattice.example.flags.domain.Operator;
import dev.lattice.example.flags.domain.Segment;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Segments and their constraints. */
public final class SegmentRepository {

    private final Database database;
    private final Tables tables;
    private final Lookups lookups;

    SegmentRepository(Database database, Tables tables) {
        this.database = database;
        this.tables = tables;
        this.lookups = new Lookups(tables);
    }

    public Segment create(String ns, String key, String name, MatchType matchType) {
        Keys.require("segment key", key);
        String shownName = name == null || name.isBlank() ? key : name;
        return database.inTransaction(c -> {
            lookups.requireNamespace(c, ns);
            if (lookups.segmentExists(c, ns, key)) {
                throw new DuplicateException("segment '" + key + "' already exists in namespace '" + ns + "'");
            }
            Sql.update(c, "INSERT INTO " + tables.segments() + " (ns_key, segment_key, name, match_type)"
                    + " VALUES (?, ?, ?, ?)", ns, key, shownName, matchType.name());
            return new Segment(ns, key, shownName, matchType, List.of());
        });
    }

    public Segment get(String ns, String key) {
        return database.inTransaction(c -> find(c, ns, key));
    }

    public List<Segment> list(String ns) {
        return database.inTransaction(c -> {
            lookups.requireNamespace(c, ns);
            List<String> keys = new ArrayList<>();
            try (var statement = Sql.prepare(c, "SELECT segment_key FROM " + tables.segments()
                    + " WHERE ns_key = ? ORDER BY segment_key", ns); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            List<Segment> segments = new ArrayList<>(keys.size());
            for (String key : keys) {
                segments.add(find(c, ns, key));
            }
            return segments;
        });
    }

    /** Deletes a segment, its constraints and the rules that target it. */
    public void delete(String ns, String key) {
        database.inTransaction(c -> {
            lookups.requireSegment(c, ns, key);
            for (String table : List.of(tables.rules(), tables.constraints(), tables.segments())) {
                Sql.update(c, "DELETE FROM " + table + " WHERE ns_key = ? AND segment_key = ?", ns, key);
            }
            return null;
        });
    }

    public Constraint addConstraint(String ns, String segmentKey, String property, Operator operator, String value) {
        Keys.requireText("constraint property", property);
        Constraint constraint = new Constraint(UUID.randomUUID().toString(), property, operator, Keys.orEmpty(value));
        return database.inTransaction(c -> {
            lookups.requireSegment(c, ns, segmentKey);
            Sql.update(c, "INSERT INTO " + tables.constraints()
                            + " (id, ns_key, segment_key, property, op, value_text, created_seq)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    constraint.id(), ns, segmentKey, property, operator.wireName(), constraint.value(),
                    nextConstraintSeq(c));
            return constraint;
        });
    }

    Segment find(Connection c, String ns, String key) throws SQLException {
        lookups.requireNamespace(c, ns);
        String name;
        MatchType matchType;
        try (var statement = Sql.prepare(c, "SELECT name, match_type FROM " + tables.segments()
                + " WHERE ns_key = ? AND segment_key = ?", ns, key); ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                throw new NotFoundException("segment '" + key + "' not found in namespace '" + ns + "'");
            }
            name = rows.getString("name");
            matchType = MatchType.valueOf(rows.getString("match_type"));
        }
        return new Segment(ns, key, name, matchType, constraints(c, ns, key));
    }

    private List<Constraint> constraints(Connection c, String ns, String segmentKey) throws SQLException {
        try (var statement = Sql.prepare(c, "SELECT id, property, op, value_text FROM " + tables.constraints()
                + " WHERE ns_key = ? AND segment_key = ? ORDER BY created_seq", ns, segmentKey);
             ResultSet rows = statement.executeQuery()) {
            List<Constraint> constraints = new ArrayList<>();
            while (rows.next()) {
                constraints.add(new Constraint(rows.getString("id"), rows.getString("property"),
                        Operator.parse(rows.getString("op")), rows.getString("value_text")));
            }
            return constraints;
        }
    }

    private long nextConstraintSeq(Connection c) throws SQLException {
        try (var statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(created_seq) FROM " + tables.constraints())) {
            rows.next();
            return rows.getLong(1) + 1;
        }
    }
}
