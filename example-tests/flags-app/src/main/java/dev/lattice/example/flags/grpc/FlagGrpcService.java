package dev.lattice.example.flags.grpc;

import dev.lattice.example.flags.domain.DuplicateException;
import dev.lattice.example.flags.domain.InvalidInputException;
import dev.lattice.example.flags.domain.MatchType;
import dev.lattice.example.flags.domain.NotFoundException;
import dev.lattice.example.flags.domain.Operator;
import dev.lattice.example.flags.store.FlagStore;
import dev.lattice.example.flags.v1.*;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.function.Supplier;

/** The gRPC API: the same operations as HTTP, over the same store. */
final class FlagGrpcService extends FlagServiceGrpc.FlagServiceImplBase {

    private static final Empty EMPTY = Empty.getDefaultInstance();

    private final FlagStore store;

    FlagGrpcService(FlagStore store) {
        this.store = store;
    }

    @Override
    public void createNamespace(CreateNamespaceRequest r, StreamObserver<Namespace> out) {
        respond(out, () -> ProtoMapper.toProto(store.namespaces().create(r.getKey(), r.getName(), r.getDescription())));
    }

    @Override
    public void getNamespace(GetNamespaceRequest r, StreamObserver<Namespace> out) {
        respond(out, () -> ProtoMapper.toProto(store.namespaces().get(r.getKey())));
    }

    @Override
    public void listNamespaces(ListNamespacesRequest r, StreamObserver<NamespaceList> out) {
        respond(out, () -> {
            var list = NamespaceList.newBuilder();
            store.namespaces().list().forEach(n -> list.addNamespaces(ProtoMapper.toProto(n)));
            return list.build();
        });
    }

    @Override
    public void deleteNamespace(DeleteNamespaceRequest r, StreamObserver<Empty> out) {
        respond(out, () -> {
            store.namespaces().delete(r.getKey());
            return EMPTY;
        });
    }

    @Override
    public void createFlag(CreateFlagRequest r, StreamObserver<Flag> out) {
        respond(out, () -> ProtoMapper.toProto(store.flags().create(namespace(r.getNamespaceKey()), r.getKey(),
                r.getName(), r.getDescription(), r.getEnabled())));
    }

    @Override
    public void getFlag(GetFlagRequest r, StreamObserver<Flag> out) {
        respond(out, () -> ProtoMapper.toProto(store.flags().get(namespace(r.getNamespaceKey()), r.getKey())));
    }

    @Override
    public void listFlags(ListFlagsRequest r, StreamObserver<FlagList> out) {
        respond(out, () -> {
            var list = FlagList.newBuilder();
            store.flags().list(namespace(r.getNamespaceKey())).forEach(f -> list.addFlags(ProtoMapper.toProto(f)));
            return list.build();
        });
    }

    @Override
    public void updateFlag(UpdateFlagRequest r, StreamObserver<Flag> out) {
        respond(out, () -> ProtoMapper.toProto(store.flags().update(namespace(r.getNamespaceKey()), r.getKey(),
                r.getName(), r.getDescription(), r.getEnabled())));
    }

    @Override
    public void deleteFlag(DeleteFlagRequest r, StreamObserver<Empty> out) {
        respond(out, () -> {
            store.flags().delete(namespace(r.getNamespaceKey()), r.getKey());
            return EMPTY;
        });
    }

    @Override
    public void createVariant(CreateVariantRequest r, StreamObserver<Variant> out) {
        respond(out, () -> ProtoMapper.toProto(store.flags().createVariant(namespace(r.getNamespaceKey()),
                r.getFlagKey(), r.getKey(), r.getName(), r.getAttachment())));
    }

    @Override
    public void createSegment(CreateSegmentRequest r, StreamObserver<Segment> out) {
        respond(out, () -> ProtoMapper.toProto(store.segments().create(namespace(r.getNamespaceKey()), r.getKey(),
                r.getName(), MatchType.parse(r.getMatchType()))));
    }

    @Override
    public void getSegment(GetSegmentRequest r, StreamObserver<Segment> out) {
        respond(out, () -> ProtoMapper.toProto(store.segments().get(namespace(r.getNamespaceKey()), r.getKey())));
    }

    @Override
    public void listSegments(ListSegmentsRequest r, StreamObserver<SegmentList> out) {
        respond(out, () -> {
            var list = SegmentList.newBuilder();
            store.segments().list(namespace(r.getNamespaceKey()))
                    .forEach(s -> list.addSegments(ProtoMapper.toProto(s)));
            return list.build();
        });
    }

    @Override
    public void deleteSegment(DeleteSegmentRequest r, StreamObserver<Empty> out) {
        respond(out, () -> {
            store.segments().delete(namespace(r.getNamespaceKey()), r.getKey());
            return EMPTY;
        });
    }

    @Override
    public void createConstraint(CreateConstraintRequest r, StreamObserver<Constraint> out) {
        respond(out, () -> ProtoMapper.toProto(store.segments().addConstraint(namespace(r.getNamespaceKey()),
                r.getSegmentKey(), r.getProperty(), Operator.parse(r.getOperator()), r.getValue())));
    }

    @Override
    public void createRule(CreateRuleRequest r, StreamObserver<Rule> out) {
        respond(out, () -> ProtoMapper.toProto(store.rules().create(namespace(r.getNamespaceKey()), r.getFlagKey(),
                r.getSegmentKey(), r.getVariantKey(), r.getRank())));
    }

    @Override
    public void listRules(ListRulesRequest r, StreamObserver<RuleList> out) {
        respond(out, () -> {
            var list = RuleList.newBuilder();
            store.rules().list(namespace(r.getNamespaceKey()), r.getFlagKey())
                    .forEach(rule -> list.addRules(ProtoMapper.toProto(rule)));
            return list.build();
        });
    }

    @Override
    public void deleteRule(DeleteRuleRequest r, StreamObserver<Empty> out) {
        respond(out, () -> {
            store.rules().delete(namespace(r.getNamespaceKey()), r.getId());
            return EMPTY;
        });
    }

    @Override
    public void evaluate(EvaluationRequest r, StreamObserver<EvaluationResponse> out) {
        respond(out, () -> ProtoMapper.toProto(store.evaluate(new dev.lattice.example.flags.domain.EvaluationRequest(
                r.getNamespaceKey(), r.getFlagKey(), r.getEntityId(), r.getContextMap()))));
    }

    /** Proto3 strings are never null; an unset namespace means the default one. */
    private static String namespace(String key) {
        return key.isEmpty() ? dev.lattice.example.flags.domain.Namespace.DEFAULT_KEY : key;
    }

    private static <T> void respond(StreamObserver<T> out, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (InvalidInputException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (NotFoundException e) {
            out.onError(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (DuplicateException e) {
            out.onError(Status.ALREADY_EXISTS.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            System.err.println("grpc: " + e);
            out.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }
}
