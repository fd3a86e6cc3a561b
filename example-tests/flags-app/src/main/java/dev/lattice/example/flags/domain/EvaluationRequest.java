package dev.lattice.example.flags.domain;

import java.util.Map;

public record EvaluationRequest(String namespaceKey, String flagKey, String entityId, Map<String, String> context) {

    public EvaluationRequest {
        namespaceKey = namespaceKey == null || namespaceKey.isBlank() ? Namespace.DEFAULT_KEY : namespaceKey;
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
