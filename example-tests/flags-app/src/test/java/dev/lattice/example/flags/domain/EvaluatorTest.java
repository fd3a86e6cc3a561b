package dev.lattice.example.flags.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluatorTest {

    private static final Variant ON = new Variant("on", "On", "{\"color\":\"green\"}");
    private static final Variant OFF = new Variant("off", "Off", "");

    private final Evaluator evaluator = new Evaluator();

    @Test
    void disabledFlagNeverMatches() {
        EvaluationPlan plan = plan(false, rule(1, segment(MatchType.ALL), ON));

        EvaluationResult result = evaluator.evaluate(plan, "user-1", Map.of());

        assertThat(result.match()).isFalse();
        assertThat(result.reason()).isEqualTo(Reason.FLAG_DISABLED);
    }

    @Test
    void flagWithoutRulesDoesNotMatch() {
        EvaluationResult result = evaluator.evaluate(plan(true), "user-1", Map.of());

        assertThat(result).isEqualTo(EvaluationResult.noMatch("flag", Reason.NO_MATCH));
    }

    @Test
    void firstMatchingRuleInRankOrderWins() {
        EvaluationPlan plan = plan(true,
                rule(1, segment(MatchType.ALL, eq("plan", "gold")), ON),
                rule(2, segment(MatchType.ALL), OFF));

        assertThat(evaluator.evaluate(plan, "u", Map.of("plan", "gold")).variantKey()).isEqualTo("on");
        assertThat(evaluator.evaluate(plan, "u", Map.of("plan", "free")).variantKey()).isEqualTo("off");
    }

    @Test
    void matchCarriesSegmentAndAttachment() {
        EvaluationPlan plan = plan(true, rule(1, segment(MatchType.ALL), ON));

        EvaluationResult result = evaluator.evaluate(plan, "u", Map.of());

        assertThat(result).isEqualTo(new EvaluationResult(true, "flag", "on", "seg", Reason.MATCH,
                "{\"color\":\"green\"}"));
    }

    @Test
    void allNeedsEveryConstraint() {
        Segment segment = segment(MatchType.ALL, eq("plan", "gold"), eq("region", "eu"));

        assertThat(segment.matches(Map.of("plan", "gold", "region", "eu"))).isTrue();
        assertThat(segment.matches(Map.of("plan", "gold", "region", "us"))).isFalse();
    }

    @Test
    void anyNeedsOneConstraint() {
        Segment segment = segment(MatchType.ANY, eq("plan", "gold"), eq("region", "eu"));

        assertThat(segment.matches(Map.of("plan", "free", "region", "eu"))).isTrue();
        assertThat(segment.matches(Map.of("plan", "free", "region", "us"))).isFalse();
    }

    @Test
    void absentPropertyNeverMatchesEvenForNotEqual() {
        Constraint notBeta = new Constraint("c", "channel", Operator.NEQ, "beta");

        assertThat(notBeta.matches(Map.of())).isFalse();
        assertThat(notBeta.matches(Map.of("channel", "stable"))).isTrue();
    }

    @Test
    void entityIdCanBeConstrainedUnlessContextOverridesIt() {
        EvaluationPlan plan = plan(true, rule(1, segment(MatchType.ALL, eq("entityId", "alice")), ON));

        assertThat(evaluator.evaluate(plan, "alice", Map.of()).match()).isTrue();
        assertThat(evaluator.evaluate(plan, "alice", Map.of("entityId", "bob")).match()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "eq, gold, gold, true", "eq, gold, Gold, false",
            "neq, gold, free, true", "neq, gold, gold, false",
            "prefix, gol, gold, true", "prefix, old, gold, false",
            "suffix, @example.com, ann@example.com, true", "suffix, @example.com, ann@example.org, false"})
    void operatorsCompareContextWithConstraintValue(String operator, String value, String actual, boolean expected) {
        Constraint constraint = new Constraint("c", "p", Operator.parse(operator), value);

        assertThat(constraint.matches(Map.of("p", actual))).isEqualTo(expected);
    }

    @Test
    void unknownOperatorOrMatchTypeIsInvalidInput() {
        assertThatThrownBy(() -> Operator.parse("regex")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> MatchType.parse("SOME")).isInstanceOf(InvalidInputException.class);
        assertThat(MatchType.parse("any")).isEqualTo(MatchType.ANY);
        assertThat(MatchType.parse(null)).isEqualTo(MatchType.ALL);
    }

    private static Constraint eq(String property, String value) {
        return new Constraint(property + "-c", property, Operator.EQ, value);
    }

    private static Segment segment(MatchType matchType, Constraint... constraints) {
        return new Segment("default", "seg", "Segment", matchType, List.of(constraints));
    }

    private static EvaluationPlan.PlannedRule rule(int rank, Segment segment, Variant variant) {
        return new EvaluationPlan.PlannedRule(
                new Rule("r" + rank, "default", "flag", segment.key(), variant.key(), rank), segment, variant);
    }

    private static EvaluationPlan plan(boolean enabled, EvaluationPlan.PlannedRule... rules) {
        Flag flag = new Flag("default", "flag", "Flag", "", enabled, List.of(ON, OFF));
        return new EvaluationPlan(flag, List.of(rules));
    }
}
