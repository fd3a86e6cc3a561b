package dev.lattice.example.flags.domain;

import java.util.HashMap;
import java.util.Map;

/** Picks the variant of the first rule (by rank) whose segment matches the entity's context. */
public final class Evaluator {

    /** Constraints may test the entity id under this property name unless the context sets it. */
    public static final String ENTITY_ID_PROPERTY = "entityId";

    public EvaluationResult evaluate(EvaluationPlan plan, String entityId, Map<String, String> context) {
        Flag flag = plan.flag();
        if (!flag.enabled()) {
            return EvaluationResult.noMatch(flag.key(), Reason.FLAG_DISABLED);
        }
        Map<String, String> facts = new HashMap<>(context);
        facts.putIfAbsent(ENTITY_ID_PROPERTY, entityId);
        for (EvaluationPlan.PlannedRule planned : plan.rules()) {
            if (planned.segment().matches(facts)) {
                return new EvaluationResult(true, flag.key(), planned.variant().key(), planned.segment().key(),
                        Reason.MATCH, planned.variant().attachment());
            }
        }
        return EvaluationResult.noMatch(flag.key(), Reason.NO_MATCH);
    }
}
