package dev.lattice.example.client;

import java.util.List;
import java.util.Map;

/** A client of the flags app, over HTTP/JSON or gRPC; both behave the same for the tests. */
public interface FlagClient extends AutoCloseable {

    /**
     * Connects to an app; transport is "http" or "grpc"; a null or empty token sends no Authorization.
     * Connecting does not contact the app yet: the first call does.
     */
    static FlagClient connect(String host, int httpPort, int grpcPort, String transport, String token) {
        String bearer = token == null || token.isEmpty() ? null : token;
        return switch (transport) {
            case "http" -> new HttpFlagClient(host, httpPort, bearer);
            case "grpc" -> new GrpcFlagClient(host, grpcPort, bearer);
            default -> throw new IllegalArgumentException("transport must be http or grpc, got " + transport);
        };
    }

    String transport();

    Namespace createNamespace(String key, String name);

    Flag createFlag(String namespace, String key, String name, boolean enabled);

    Flag getFlag(String namespace, String key);

    List<Flag> listFlags(String namespace);

    void deleteFlag(String namespace, String key);

    Variant createVariant(String namespace, String flagKey, String key, String attachment);

    /** matchType is ALL or ANY. */
    Segment createSegment(String namespace, String key, String matchType);

    /** operator is eq, neq, prefix or suffix. */
    Constraint createConstraint(String namespace, String segmentKey, String property, String operator, String value);

    /** rank 0 places the rule after the flag's last one. */
    Rule createRule(String namespace, String flagKey, String segmentKey, String variantKey, int rank);

    Evaluation evaluate(String namespace, String flagKey, String entityId, Map<String, String> context);

    @Override
    void close();

    record Namespace(String key, String name, String description) {
    }

    record Variant(String key, String name, String attachment) {
    }

    record Flag(String namespaceKey, String key, String name, String description, boolean enabled,
                List<Variant> variants) {

        public Flag {
            variants = variants == null ? List.of() : List.copyOf(variants);
        }
    }

    record Constraint(String id, String property, String operator, String value) {
    }

    record Segment(String namespaceKey, String key, String name, String matchType, List<Constraint> constraints) {

        public Segment {
            constraints = constraints == null ? List.of() : List.copyOf(constraints);
        }
    }

    record Rule(String id, String namespaceKey, String flagKey, String segmentKey, String variantKey, int rank) {
    }

    /** reason is MATCH, NO_MATCH or FLAG_DISABLED; keys are empty when nothing matched. */
    record Evaluation(boolean match, String flagKey, String variantKey, String segmentKey, String reason,
                      String variantAttachment) {
    }

    /** The app refused a call: any failure other than the specific ones below. */
    class Failed extends RuntimeException {

        public Failed(String message) {
            super(message);
        }

        public Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Missing or wrong token: HTTP 401 or gRPC UNAUTHENTICATED. */
    final class Unauthorized extends Failed {

        public Unauthorized(String message) {
            super(message);
        }
    }

    /** Unknown namespace, flag, segment, variant or rule: HTTP 404 or gRPC NOT_FOUND. */
    final class NotFound extends Failed {

        public NotFound(String message) {
            super(message);
        }
    }

    /** The key is taken: HTTP 409 or gRPC ALREADY_EXISTS. */
    final class Conflict extends Failed {

        public Conflict(String message) {
            super(message);
        }
    }

    /** Bad input: HTTP 400 or gRPC INVALID_ARGUMENT. */
    final class Invalid extends Failed {

        public Invalid(String message) {
            super(message);
        }
    }
}
