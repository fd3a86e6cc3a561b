package dev.lattice.example.flags.store;

import dev.lattice.example.flags.domain.NotFoundException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Existence checks that turn a missing parent into NotFound, inside the caller's transaction. */
final class Lookups {

    private final Tables tables;

    Lookups(Tables tables) {
        this.tables = tables;
    }

    boolean namespaceExists(Connection c, String ns) throws SQLException {
        return exists(c, "SELECT 1 FROM " + tables.namespaces() + " WHERE ns_key = ?", ns);
    }

    boolean flagExists(Connection c, String ns, String flag) throws SQLException {
        return exists(c, "SELECT 1 FROM " + tables.flags() + " WHERE ns_key = ? AND flag_key = ?", ns, flag);
    }

    boolean variantExists(Connection c, String ns, String flag, String variant) throws SQLException {
        return exists(c, "SELECT 1 FROM " + tables.variants()
                + " WHERE ns_key = ? AND flag_key = ? AND variant_key = ?", ns, flag, variant);
    }

    boolean segmentExists(Connection c, String ns, String segment) throws SQLException {
        return exists(c, "SELECT 1 FROM " + tables.segments() + " WHERE ns_key = ? AND segment_key = ?", ns, segment);
    }

    void requireNamespace(Connection c, String ns) throws SQLException {
        if (!namespaceExists(c, ns)) {
            throw new NotFoundException("namespace '" + ns + "' not found");
        }
    }

    void requireFlag(Connection c, String ns, String flag) throws SQLException {
        requireNamespace(c, ns);
        if (!flagExists(c, ns, flag)) {
            throw new NotFoundException("flag '" + flag + "' not found in namespace '" + ns + "'");
        }
    }

    void requireSegment(Connection c, String ns, String segment) throws SQLException {
        requireNamespace(c, ns);
        if (!segmentExists(c, ns, segment)) {
            throw new NotFoundException("segment '" + segment + "' not found in namespace '" + ns + "'");
        }
    }

    static boolean exists(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement statement = Sql.prepare(c, sql, (Object[]) params);
             var rows = statement.executeQuery()) {
            return rows.next();
        }
    }
}
