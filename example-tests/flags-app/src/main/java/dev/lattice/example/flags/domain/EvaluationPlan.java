package dev.lattice.example.flags.domain;

import java.util.List;

/** Everything needed to evaluate one flag: the flag and its rules in rank order, each resolved. */
public record EvaluationPlan(Flag flag, List<PlannedRule> rules) {

    public EvaluationPlan {
        rules = List.copyOf(rules);
    }

    public record PlannedRule(Rule rule, Segment segment, Variant variant) {
    }
}
