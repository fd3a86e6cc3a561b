package dev.lattice.example.client;

import dev.lattice.example.flags.v1.CreateConstraintRequest;
import dev.lattice.example.flags.v1.CreateFlagRequest;
import dev.lattice.example.flags.v1.CreateNamespaceRequest;
import dev.lattice.example.flags.v1.CreateRuleRequest;
import dev.lattice.example.flags.v1.CreateSegmentRequest;
import dev.lattice.example.flags.v1.CreateVariantRequest;
import dev.lattice.example.flags.v1.DeleteFlagRequest;
import dev.lattice.example.flags.v1.EvaluationRequest;
import dev.lattice.example.flags.v1.EvaluationResponse;
import dev.lattice.example.flags.v1.FlagServiceGrpc;
import dev.lattice.example.flags.v1.GetFlagRequest;
import dev.lattice.example.flags.v1.ListFlagsRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** FlagClient over the app's gRPC API, plain text. */
final class GrpcFlagClient implements FlagClient {

    private static final long DEADLINE_SECONDS = 10;
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final FlagServiceGrpc.FlagServiceBlockingStub stub;

    GrpcFlagClient(String host, int port, String token) {
        this.channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        FlagServiceGrpc.FlagServiceBlockingStub plain = FlagServiceGrpc.newBlockingStub(channel);
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + token);
            plain = plain.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        this.stub = plain;
    }

    @Override
    public String transport() {
        return "grpc";
    }

    @Override
    public Namespace createNamespace(String key, String name) {
        var created = call("CreateNamespace", () -> stub().createNamespace(CreateNamespaceRequest.newBuilder()
                .setKey(key).setName(orEmpty(name)).build()));
        return new Namespace(created.getKey(), created.getName(), created.getDescription());
    }

    @Override
    public Flag createFlag(String namespace, String key, String name, boolean enabled) {
        return toFlag(call("CreateFlag", () -> stub().createFlag(CreateFlagRequest.newBuilder()
                .setNamespaceKey(namespace).setKey(key).setName(orEmpty(name)).setEnabled(enabled).build())));
    }

    @Override
    public Flag getFlag(String namespace, String key) {
        return toFlag(call("GetFlag", () -> stub().getFlag(GetFlagRequest.newBuilder()
                .setNamespaceKey(namespace).setKey(key).build())));
    }

    @Override
    public List<Flag> listFlags(String namespace) {
        return call("ListFlags", () -> stub().listFlags(ListFlagsRequest.newBuilder()
                .setNamespaceKey(namespace).build())).getFlagsList().stream().map(GrpcFlagClient::toFlag).toList();
    }

    @Override
    public void deleteFlag(String namespace, String key) {
        call("DeleteFlag", () -> stub().deleteFlag(DeleteFlagRequest.newBuilder()
                .setNamespaceKey(namespace).setKey(key).build()));
    }

    @Override
    public Variant createVariant(String namespace, String flagKey, String key, String attachment) {
        return toVariant(call("CreateVariant", () -> stub().createVariant(CreateVariantRequest.newBuilder()
                .setNamespaceKey(namespace).setFlagKey(flagKey).setKey(key).setAttachment(orEmpty(attachment))
                .build())));
    }

    @Override
    public Segment createSegment(String namespace, String key, String matchType) {
        var created = call("CreateSegment", () -> stub().createSegment(CreateSegmentRequest.newBuilder()
                .setNamespaceKey(namespace).setKey(key).setMatchType(orEmpty(matchType)).build()));
        return new Segment(created.getNamespaceKey(), created.getKey(), created.getName(), created.getMatchType(),
                created.getConstraintsList().stream().map(GrpcFlagClient::toConstraint).toList());
    }

    @Override
    public Constraint createConstraint(String namespace, String segmentKey, String property, String operator,
                                       String value) {
        return toConstraint(call("CreateConstraint", () -> stub().createConstraint(CreateConstraintRequest.newBuilder()
                .setNamespaceKey(namespace).setSegmentKey(segmentKey).setProperty(property).setOperator(operator)
                .setValue(orEmpty(value)).build())));
    }

    @Override
    public Rule createRule(String namespace, String flagKey, String segmentKey, String variantKey, int rank) {
        var created = call("CreateRule", () -> stub().createRule(CreateRuleRequest.newBuilder()
                .setNamespaceKey(namespace).setFlagKey(flagKey).setSegmentKey(segmentKey).setVariantKey(variantKey)
                .setRank(rank).build()));
        return new Rule(created.getId(), created.getNamespaceKey(), created.getFlagKey(), created.getSegmentKey(),
                created.getVariantKey(), created.getRank());
    }

    @Override
    public Evaluation evaluate(String namespace, String flagKey, String entityId, Map<String, String> context) {
        EvaluationResponse response = call("Evaluate", () -> stub().evaluate(EvaluationRequest.newBuilder()
                .setNamespaceKey(orEmpty(namespace)).setFlagKey(flagKey).setEntityId(entityId)
                .putAllContext(context == null ? Map.of() : context).build()));
        return new Evaluation(response.getMatch(), response.getFlagKey(), response.getVariantKey(),
                response.getSegmentKey(), response.getReason(), response.getVariantAttachment());
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A deadline per call, so a hung app fails a test instead of stalling it. */
    private FlagServiceGrpc.FlagServiceBlockingStub stub() {
        return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static <T> T call(String method, Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            String message = method + " -> " + e.getStatus().getCode() + ": " + e.getStatus().getDescription();
            throw switch (e.getStatus().getCode()) {
                case INVALID_ARGUMENT -> new Invalid(message);
                case UNAUTHENTICATED -> new Unauthorized(message);
                case NOT_FOUND -> new NotFound(message);
                case ALREADY_EXISTS -> new Conflict(message);
                default -> new Failed(message, e);
            };
        }
    }

    private static Flag toFlag(dev.lattice.example.flags.v1.Flag flag) {
        return new Flag(flag.getNamespaceKey(), flag.getKey(), flag.getName(), flag.getDescription(),
                flag.getEnabled(), flag.getVariantsList().stream().map(GrpcFlagClient::toVariant).toList());
    }

    private static Variant toVariant(dev.lattice.example.flags.v1.Variant variant) {
        return new Variant(variant.getKey(), variant.getName(), variant.getAttachment());
    }

    private static Constraint toConstraint(dev.lattice.example.flags.v1.Constraint constraint) {
        return new Constraint(constraint.getId(), constraint.getProperty(), constraint.getOperator(),
                constraint.getValue());
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
