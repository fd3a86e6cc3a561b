package dev.lattice.example.flags.domain;

public record EvaluationResult(boolean match, String flagKey, String variantKey, String segmentKey, Reason reason,
                               String variantAttachment) {

    public static EvaluationResult noMatch(String flagKey, Reason reason) {
        return new EvaluationResult(false, flagKey, "", "", reason, "");
    }
}
