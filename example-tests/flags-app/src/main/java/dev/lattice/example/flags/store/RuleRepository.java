package dev.lattice.example.flags.store;

import dev.lattice.example.flags.domain.DuplicateException;
import dev.lattice.example.flags.domain.EvaluationPlan;
import dev.lattice.example.flags.domain.Flag;
import dev.lattice.example.flags.domain.InvalidInputException;
import dev.lattice.example.flags.domain.NotFoundException;
import dev.lattice.example.flags.domain.Rule;
import dev.lattice.example.flags.domain.Variant;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Rules, and the evaluation plan of a flag built from them. */
public final class RuleRepository {

    private final Database database;
    private final Tables tables;
    private final Lookups lookups;
    private final FlagRepository flags;
    private final SegmentRepository segments;

    RuleRepository(Database database, Tables tables, FlagRepository flags, SegmentRepository segments) {
        this.database = database;
        this.tables = tables;
        this.lookups = new Lookups(tables);
        this.flags = flags;
        this.segments = segments;
    }

    /** Adds a rule; rank 0 places it after the flag's last rule. */
    public Rule create(String ns, String flagKey, String segmentKey, String variantKey, int rank) {
        if (rank < 0) {
            throw new InvalidInputException("rank must be positive, or 0 for 'last'");
        }
        return database.inTransaction(c -> {
            lookups.requireFlag(c, ns, flagKey);
            lookups.requireSegment(c, ns, segmentKey);
            if (!lookups.variantExists(c, ns, flagKey, variantKey)) {
                throw new NotFoundException("variant '" + variantKey + "' not found on flag '" + flagKey + "'");
            }
            int chosenRank = rank == 0 ? lastRank(c, ns, flagKey) + 1 : rank;
            if (Lookups.exists(c, "SELECT 1 FROM " + tables.rules()
                    + " WHERE ns_key = ? AND flag_key = ? AND rule_rank = " + chosenRank, ns, flagKey)) {
                throw new DuplicateException("flag '" + flagKey + "' already has a rule of rank " + chosenRank);
            }
            Rule rule = new Rule(UUID.randomUUID().toString(), ns, flagKey, segmentKey, variantKey, chosenRank);
            Sql.update(c, "INSERT INTO " + tables.rules()
                            + " (id, ns_key, flag_key, segment_key, variant_key, rule_rank) VALUES (?, ?, ?, ?, ?, ?)",
                    rule.id(), ns, flagKey, segmentKey, variantKey, chosenRank);
            return rule;
        });
    }

    public List<Rule> list(String ns, String flagKey) {
        return database.inTransaction(c -> {
            lookups.requireFlag(c, ns, flagKey);
            return rules(c, ns, flagKey);
        });
    }

    public void delete(String ns, String id) {
        database.inTransaction(c -> {
            lookups.requireNamespace(c, ns);
            if (Sql.update(c, "DELETE FROM " + tables.rules() + " WHERE ns_key = ? AND id = ?", ns, id) == 0) {
                throw new NotFoundException("rule '" + id + "' not found in namespace '" + ns + "'");
            }
            return null;
        });
    }

    /** Reads the flag and its rules in one transaction, so evaluation sees one consistent state. */
    public EvaluationPlan plan(String ns, String flagKey) {
        return database.inTransaction(c -> {
            Flag flag = flags.find(c, ns, flagKey);
            List<EvaluationPlan.PlannedRule> planned = new ArrayList<>();
            for (Rule rule : rules(c, ns, flagKey)) {
                Variant variant = flag.variant(rule.variantKey()).orElseThrow(() -> new IllegalStateException(
                        "rule " + rule.id() + " points at missing variant " + rule.variantKey()));
                planned.add(new EvaluationPlan.PlannedRule(rule, segments.find(c, ns, rule.segmentKey()), variant));
            }
            return new EvaluationPlan(flag, planned);
        });
    }

    private List<Rule> rules(Connection c, String ns, String flagKey) throws SQLException {
        try (var statement = Sql.prepare(c, "SELECT id, segment_key, variant_key, rule_rank FROM " + tables.rules()
                + " WHERE ns_key = ? AND flag_key = ? ORDER BY rule_rank", ns, flagKey);
             ResultSet rows = statement.executeQuery()) {
            List<Rule> rules = new ArrayList<>();
            while (rows.next()) {
                rules.add(new Rule(rows.getString("id"), ns, flagKey, rows.getString("segment_key"),
                        rows.getString("variant_key"), rows.getInt("rule_rank")));
            }
            return rules;
        }
    }

    private int lastRank(Connection c, String ns, String flagKey) throws SQLException {
        try (var statement = Sql.prepare(c, "SELECT MAX(rule_rank) FROM " + tables.rules()
                + " WHERE ns_key = ? AND flag_key = ?", ns, flagKey); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
