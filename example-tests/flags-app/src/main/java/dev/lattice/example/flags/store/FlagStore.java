package dev.lattice.example.flags.store;

import dev.lattice.example.flags.domain.EvaluationRequest;
import dev.lattice.example.flags.domain.EvaluationResult;
import dev.lattice.example.flags.domain.Evaluator;
import dev.lattice.example.flags.domain.Keys;

/** The whole service behind the transports: repositories over one database, plus evaluation. */
public final class FlagStore {

    private final Database database;
    private final NamespaceRepository namespaces;
    private final FlagRepository flags;
    private final SegmentRepository segments;
    private final RuleRepository rules;
    private final Evaluator evaluator = new Evaluator();

    private FlagStore(Database database, Tables tables) {
        this.database = database;
        this.namespaces = new NamespaceRepository(database, tables);
        this.flags = new FlagRepository(database, tables);
        this.segments = new SegmentRepository(database, tables);
        this.rules = new RuleRepository(database, tables, flags, segments);
    }

    /**
     * Creates the schema if needed and makes sure the default namespace exists. Several instances may share one
     * database and start together: each step is idempotent, so a start that lost a race to another instance
     * (a duplicate table or namespace) simply runs again and finds the work done.
     */
    public static FlagStore open(Database database) {
        Tables tables = Tables.withPrefix(database.settings().tablePrefix());
        FlagStore store = new FlagStore(database, tables);
        for (int attempt = 1; ; attempt++) {
            try {
                new Schema(database, tables).create();
                store.namespaces.ensureDefault();
                return store;
            } catch (StorageException lostARace) {
                if (attempt == 3) {
                    throw lostARace;
                }
            }
        }
    }

    public NamespaceRepository namespaces() {
        return namespaces;
    }

    public FlagRepository flags() {
        return flags;
    }

    public SegmentRepository segments() {
        return segments;
    }

    public RuleRepository rules() {
        return rules;
    }

    public boolean isHealthy() {
        return database.isReachable();
    }

    public EvaluationResult evaluate(EvaluationRequest request) {
        Keys.require("flag key", request.flagKey());
        Keys.requireText("entityId", request.entityId());
        return evaluator.evaluate(rules.plan(request.namespaceKey(), request.flagKey()), request.entityId(),
                request.context());
    }
}
