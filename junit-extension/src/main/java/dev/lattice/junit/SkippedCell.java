package dev.lattice.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a cell that this run does not select, saying why, so that the cell keeps its place (and its unique id)
 * in the matrix.
 *
 * @param reason why the cell does not run here, such as {@code in shard 3/4, this run is 2/4}
 */
record SkippedCell(String reason) implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return ConditionEvaluationResult.disabled(reason);
    }
}
