package dev.lattice.example.flags.http;

import java.util.Map;

/** The JSON bodies the API accepts; absent fields arrive as null and are defaulted by the store. */
final class RequestBodies {

    private RequestBodies() {
    }

    record NamespaceBody(String key, String name, String description) {
    }

    record FlagBody(String key, String name, String description, Boolean enabled) {
    }

    record VariantBody(String key, String name, String attachment) {
    }

    record SegmentBody(String key, String name, String matchType) {
    }

    record ConstraintBody(String property, String operator, String value) {
    }

    record RuleBody(String flagKey, String segmentKey, String variantKey, Integer rank) {
    }

    record EvaluateBody(String namespaceKey, String flagKey, String entityId, Map<String, String> context) {
    }
}
