package dev.lattice.example.flags.http;

import dev.lattice.example.flags.domain.EvaluationRequest;
import dev.lattice.example.flags.domain.InvalidInputException;
import dev.lattice.example.flags.domain.MatchType;
import dev.lattice.example.flags.domain.Operator;
import dev.lattice.example.flags.http.RequestBodies.ConstraintBody;
import dev.lattice.example.flags.http.RequestBodies.EvaluateBody;
import dev.lattice.example.flags.http.RequestBodies.FlagBody;
import dev.lattice.example.flags.http.RequestBodies.NamespaceBody;
import dev.lattice.example.flags.http.RequestBodies.RuleBody;
import dev.lattice.example.flags.http.RequestBodies.SegmentBody;
import dev.lattice.example.flags.http.RequestBodies.VariantBody;
import dev.lattice.example.flags.store.FlagStore;

import java.util.List;
import java.util.Map;

/** The REST API under /api/v1, mapped onto the store. */
final class ApiRoutes {

    private static final String NS = "/api/v1/namespaces/{ns}";

    private ApiRoutes() {
    }

    static List<Route> of(FlagStore store) {
        return List.of(
                route("POST", "/api/v1/namespaces", r -> {
                    NamespaceBody body = r.body(NamespaceBody.class);
                    return ApiResponse.created(store.namespaces().create(body.key(), body.name(), body.description()));
                }),
                route("GET", "/api/v1/namespaces",
                        r -> ApiResponse.ok(Map.of("namespaces", store.namespaces().list()))),
                route("GET", NS, r -> ApiResponse.ok(store.namespaces().get(r.path("ns")))),
                route("DELETE", NS, r -> {
                    store.namespaces().delete(r.path("ns"));
                    return ApiResponse.noContent();
                }),

                route("POST", NS + "/flags", r -> {
                    FlagBody body = r.body(FlagBody.class);
                    return ApiResponse.created(store.flags().create(r.path("ns"), body.key(), body.name(),
                            body.description(), Boolean.TRUE.equals(body.enabled())));
                }),
                route("GET", NS + "/flags", r -> ApiResponse.ok(Map.of("flags", store.flags().list(r.path("ns"))))),
                route("GET", NS + "/flags/{flag}", r -> ApiResponse.ok(store.flags().get(r.path("ns"), r.path("flag")))),
                route("PUT", NS + "/flags/{flag}", r -> {
                    FlagBody body = r.body(FlagBody.class);
                    return ApiResponse.ok(store.flags().update(r.path("ns"), r.path("flag"), body.name(),
                            body.description(), Boolean.TRUE.equals(body.enabled())));
                }),
                route("DELETE", NS + "/flags/{flag}", r -> {
                    store.flags().delete(r.path("ns"), r.path("flag"));
                    return ApiResponse.noContent();
                }),
                route("POST", NS + "/flags/{flag}/variants", r -> {
                    VariantBody body = r.body(VariantBody.class);
                    return ApiResponse.created(store.flags().createVariant(r.path("ns"), r.path("flag"), body.key(),
                            body.name(), body.attachment()));
                }),

                route("POST", NS + "/segments", r -> {
                    SegmentBody body = r.body(SegmentBody.class);
                    return ApiResponse.created(store.segments().create(r.path("ns"), body.key(), body.name(),
                            MatchType.parse(body.matchType())));
                }),
                route("GET", NS + "/segments",
                        r -> ApiResponse.ok(Map.of("segments", store.segments().list(r.path("ns"))))),
                route("GET", NS + "/segments/{segment}",
                        r -> ApiResponse.ok(store.segments().get(r.path("ns"), r.path("segment")))),
                route("DELETE", NS + "/segments/{segment}", r -> {
                    store.segments().delete(r.path("ns"), r.path("segment"));
                    return ApiResponse.noContent();
                }),
                route("POST", NS + "/segments/{segment}/constraints", r -> {
                    ConstraintBody body = r.body(ConstraintBody.class);
                    return ApiResponse.created(store.segments().addConstraint(r.path("ns"), r.path("segment"),
                            body.property(), Operator.parse(body.operator()), body.value()));
                }),

                route("POST", NS + "/rules", r -> {
                    RuleBody body = r.body(RuleBody.class);
                    return ApiResponse.created(store.rules().create(r.path("ns"), required("flagKey", body.flagKey()),
                            required("segmentKey", body.segmentKey()), required("variantKey", body.variantKey()),
                            body.rank() == null ? 0 : body.rank()));
                }),
                route("GET", NS + "/rules", r -> ApiResponse.ok(Map.of("rules",
                        store.rules().list(r.path("ns"), required("flagKey query parameter", r.query().get("flagKey")))))),
                route("DELETE", NS + "/rules/{id}", r -> {
                    store.rules().delete(r.path("ns"), r.path("id"));
                    return ApiResponse.noContent();
                }),

                route("POST", "/api/v1/evaluate", r -> {
                    EvaluateBody body = r.body(EvaluateBody.class);
                    return ApiResponse.ok(store.evaluate(new EvaluationRequest(body.namespaceKey(), body.flagKey(),
                            body.entityId(), body.context())));
                }));
    }

    private static Route route(String method, String pattern, Route.Handler handler) {
        return new Route(method, PathPattern.of(pattern), handler);
    }

    private static String required(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(what + " is required");
        }
        return value;
    }
}
