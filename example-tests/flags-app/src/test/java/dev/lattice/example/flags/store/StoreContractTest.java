package dev.lattice.example.flags.store;

import dev.lattice.example.flags.TestDatabase;
import dev.lattice.example.flags.domain.DuplicateException;
import dev.lattice.example.flags.domain.EvaluationRequest;
import dev.lattice.example.flags.domain.EvaluationResult;
import dev.lattice.example.flags.domain.Flag;
import dev.lattice.example.flags.domain.InvalidInputException;
import dev.lattice.example.flags.domain.MatchType;
import dev.lattice.example.flags.domain.Namespace;
import dev.lattice.example.flags.domain.NotFoundException;
import dev.lattice.example.flags.domain.Operator;
import dev.lattice.example.flags.domain.Reason;
import dev.lattice.example.flags.domain.Rule;
import dev.lattice.example.flags.domain.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every supported database must do; runs against FLAGS_TEST_DB_URL (SQLite when unset). */
class StoreContractTest {

    private static TestDatabase db;
    private static FlagStore store;

    private String ns;

    @BeforeAll
    static void openStore() {
        db = TestDatabase.open();
        store = db.store();
    }

    @AfterAll
    static void dropTables() {
        db.close();
    }

    @BeforeEach
    void freshNamespace() {
        ns = TestDatabase.uniqueKey("ns");
        store.namespaces().create(ns, "Test " + ns, "");
    }

    @Test
    void defaultNamespaceAlwaysExists() {
        assertThat(store.namespaces().get(Namespace.DEFAULT_KEY).key()).isEqualTo("default");
        assertThatThrownBy(() -> store.namespaces().delete(Namespace.DEFAULT_KEY))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void openingTheSameTablesAgainKeepsTheirData() {
        store.flags().create(ns, "kept", "Kept", "", true);

        FlagStore reopened = FlagStore.open(db.database());

        assertThat(reopened.flags().get(ns, "kept").name()).isEqualTo("Kept");
    }

    @Test
    void createdFlagReadsBackWithItsVariants() {
        store.flags().create(ns, "checkout", "New checkout", "the redesign", true);
        store.flags().createVariant(ns, "checkout", "blue", "Blue", "{\"color\":\"blue\"}");
        store.flags().createVariant(ns, "checkout", "green", "", "");

        Flag flag = store.flags().get(ns, "checkout");

        assertThat(flag.name()).isEqualTo("New checkout");
        assertThat(flag.description()).isEqualTo("the redesign");
        assertThat(flag.enabled()).isTrue();
        assertThat(flag.variants()).extracting(v -> v.key()).containsExactly("blue", "green");
        assertThat(flag.variant("blue").orElseThrow().attachment()).isEqualTo("{\"color\":\"blue\"}");
        assertThat(flag.variant("green").orElseThrow().name()).isEqualTo("green");
    }

    @Test
    void textRoundTripsUnchanged() {
        String attachment = "{\"greeting\":\"Grüße, 你好 ✓\"}" + "x".repeat(5000);
        store.flags().create(ns, "unicode", "Ünïcödé name", "", false);
        store.flags().createVariant(ns, "unicode", "v", "", attachment);

        Flag flag = store.flags().get(ns, "unicode");

        assertThat(flag.name()).isEqualTo("Ünïcödé name");
        assertThat(flag.variants().get(0).attachment()).isEqualTo(attachment);
    }

    @Test
    void duplicateKeysAreRejected() {
        store.flags().create(ns, "once", "", "", false);
        store.flags().createVariant(ns, "once", "v", "", "");
        store.segments().create(ns, "seg", "", MatchType.ALL);

        assertThatThrownBy(() -> store.flags().create(ns, "once", "", "", false))
                .isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> store.flags().createVariant(ns, "once", "v", "", ""))
                .isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> store.segments().create(ns, "seg", "", MatchType.ANY))
                .isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> store.namespaces().create(ns, "", ""))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    void keysAreCaseSensitive() {
        store.flags().create(ns, "beta", "lower", "", false);
        store.flags().create(ns, "Beta", "upper", "", false);

        assertThat(store.flags().get(ns, "beta").name()).isEqualTo("lower");
        assertThat(store.flags().get(ns, "Beta").name()).isEqualTo("upper");
    }

    @Test
    void invalidKeysAreRejected() {
        assertThatThrownBy(() -> store.flags().create(ns, "has space", "", "", false))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.flags().create(ns, "k".repeat(129), "", "", false))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.namespaces().create("", "", ""))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void namespacesAreIsolated() {
        String other = TestDatabase.uniqueKey("other");
        store.namespaces().create(other, "", "");
        store.flags().create(ns, "shared-key", "mine", "", true);

        assertThatThrownBy(() -> store.flags().get(other, "shared-key")).isInstanceOf(NotFoundException.class);
        assertThat(store.flags().list(other)).isEmpty();

        store.flags().create(other, "shared-key", "theirs", "", false);
        assertThat(store.flags().get(ns, "shared-key").name()).isEqualTo("mine");
        assertThat(store.flags().get(other, "shared-key").name()).isEqualTo("theirs");
    }

    @Test
    void listsAreOrderedByKey() {
        store.flags().create(ns, "b-flag", "", "", false);
        store.flags().create(ns, "a-flag", "", "", false);
        store.flags().createVariant(ns, "a-flag", "v1", "", "");

        assertThat(store.flags().list(ns)).extracting(Flag::key).containsExactly("a-flag", "b-flag");
        assertThat(store.flags().list(ns).get(0).variants()).hasSize(1);
    }

    @Test
    void unknownNamespaceOrFlagIsNotFound() {
        assertThatThrownBy(() -> store.flags().list("missing-ns")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.flags().get(ns, "missing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.flags().delete(ns, "missing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.flags().createVariant(ns, "missing", "v", "", ""))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void updateChangesNameAndEnabled() {
        store.flags().create(ns, "toggle", "Old", "", false);

        Flag updated = store.flags().update(ns, "toggle", "New", "desc", true);

        assertThat(updated.enabled()).isTrue();
        assertThat(store.flags().get(ns, "toggle").name()).isEqualTo("New");
    }

    @Test
    void segmentsKeepConstraintsInCreationOrder() {
        store.segments().create(ns, "staff", "Staff", MatchType.ANY);
        store.segments().addConstraint(ns, "staff", "email", Operator.SUFFIX, "@example.com");
        store.segments().addConstraint(ns, "staff", "role", Operator.EQ, "admin");
        store.segments().addConstraint(ns, "staff", "country", Operator.NEQ, "xx");

        Segment segment = store.segments().get(ns, "staff");

        assertThat(segment.matchType()).isEqualTo(MatchType.ANY);
        assertThat(segment.constraints()).extracting(c -> c.property()).containsExactly("email", "role", "country");
        assertThat(segment.constraints().get(0).operator()).isEqualTo(Operator.SUFFIX);
        assertThat(store.segments().list(ns)).extracting(Segment::key).containsExactly("staff");
    }

    @Test
    void rulesNeedExistingFlagSegmentAndVariant() {
        store.flags().create(ns, "f", "", "", true);
        store.flags().createVariant(ns, "f", "v", "", "");
        store.segments().create(ns, "s", "", MatchType.ALL);

        assertThatThrownBy(() -> store.rules().create(ns, "f", "nope", "v", 0)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.rules().create(ns, "f", "s", "nope", 0)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.rules().create(ns, "nope", "s", "v", 0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void rulesAreRankedInOrderAndRanksAreUnique() {
        store.flags().create(ns, "f", "", "", true);
        store.flags().createVariant(ns, "f", "v", "", "");
        store.segments().create(ns, "s", "", MatchType.ALL);

        Rule first = store.rules().create(ns, "f", "s", "v", 0);
        Rule second = store.rules().create(ns, "f", "s", "v", 0);
        Rule fifth = store.rules().create(ns, "f", "s", "v", 5);

        assertThat(first.rank()).isEqualTo(1);
        assertThat(second.rank()).isEqualTo(2);
        assertThat(store.rules().list(ns, "f")).extracting(Rule::id)
                .containsExactly(first.id(), second.id(), fifth.id());
        assertThatThrownBy(() -> store.rules().create(ns, "f", "s", "v", 2)).isInstanceOf(DuplicateException.class);

        store.rules().delete(ns, second.id());
        assertThat(store.rules().list(ns, "f")).extracting(Rule::rank).containsExactly(1, 5);
        assertThatThrownBy(() -> store.rules().delete(ns, second.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingAFlagRemovesItsVariantsAndRules() {
        store.flags().create(ns, "gone", "", "", true);
        store.flags().createVariant(ns, "gone", "v", "", "");
        store.segments().create(ns, "s", "", MatchType.ALL);
        store.rules().create(ns, "gone", "s", "v", 0);

        store.flags().delete(ns, "gone");
        store.flags().create(ns, "gone", "", "", true);

        assertThat(store.flags().get(ns, "gone").variants()).isEmpty();
        assertThat(store.rules().list(ns, "gone")).isEmpty();
    }

    @Test
    void deletingASegmentRemovesTheRulesThatTargetIt() {
        store.flags().create(ns, "f", "", "", true);
        store.flags().createVariant(ns, "f", "v", "", "");
        store.segments().create(ns, "s", "", MatchType.ALL);
        store.rules().create(ns, "f", "s", "v", 0);

        store.segments().delete(ns, "s");

        assertThat(store.rules().list(ns, "f")).isEmpty();
        assertThatThrownBy(() -> store.segments().get(ns, "s")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingANamespaceRemovesEverythingInIt() {
        store.flags().create(ns, "f", "", "", true);
        store.segments().create(ns, "s", "", MatchType.ALL);

        store.namespaces().delete(ns);

        assertThatThrownBy(() -> store.namespaces().get(ns)).isInstanceOf(NotFoundException.class);
        store.namespaces().create(ns, "", "");
        assertThat(store.flags().list(ns)).isEmpty();
        assertThat(store.segments().list(ns)).isEmpty();
    }

    @Test
    void evaluationUsesStoredRulesInRankOrder() {
        store.flags().create(ns, "theme", "", "", true);
        store.flags().createVariant(ns, "theme", "dark", "", "{\"bg\":\"#000\"}");
        store.flags().createVariant(ns, "theme", "light", "", "");
        store.segments().create(ns, "staff", "", MatchType.ALL);
        store.segments().addConstraint(ns, "staff", "email", Operator.SUFFIX, "@example.com");
        store.segments().create(ns, "everyone", "", MatchType.ALL);
        store.rules().create(ns, "theme", "staff", "dark", 0);
        store.rules().create(ns, "theme", "everyone", "light", 0);

        EvaluationResult staff = store.evaluate(
                new EvaluationRequest(ns, "theme", "u1", Map.of("email", "ann@example.com")));
        EvaluationResult guest = store.evaluate(new EvaluationRequest(ns, "theme", "u2", Map.of()));

        assertThat(staff).isEqualTo(new EvaluationResult(true, "theme", "dark", "staff", Reason.MATCH,
                "{\"bg\":\"#000\"}"));
        assertThat(guest.variantKey()).isEqualTo("light");
        assertThat(guest.segmentKey()).isEqualTo("everyone");
    }

    @Test
    void evaluationOfUnknownOrDisabledFlags() {
        store.flags().create(ns, "off", "", "", false);

        assertThat(store.evaluate(new EvaluationRequest(ns, "off", "u", Map.of())).reason())
                .isEqualTo(Reason.FLAG_DISABLED);
        assertThatThrownBy(() -> store.evaluate(new EvaluationRequest(ns, "unknown", "u", Map.of())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.evaluate(new EvaluationRequest(ns, "off", "", Map.of())))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void databaseAnswersHealthChecks() {
        assertThat(store.isHealthy()).isTrue();
    }
}
