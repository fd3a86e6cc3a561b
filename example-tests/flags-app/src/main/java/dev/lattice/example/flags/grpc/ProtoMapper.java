package dev.lattice.example.flags.grpc;

import dev.lattice.example.flags.domain.Constraint;
import dev.lattice.example.flags.domain.EvaluationResult;
import dev.lattice.example.flags.domain.Flag;
import dev.lattice.example.flags.domain.Namespace;
import dev.lattice.example.flags.domain.Rule;
import dev.lattice.example.flags.domain.Segment;
import dev.lattice.example.flags.domain.Variant;
import dev.lattice.example.flags.v1.EvaluationResponse;

/** Domain records to protobuf messages. */
final class ProtoMapper {

    private ProtoMapper() {
    }

    static dev.lattice.example.flags.v1.Namespace toProto(Namespace namespace) {
        return dev.lattice.example.flags.v1.Namespace.newBuilder()
                .setKey(namespace.key()).setName(namespace.name()).setDescription(namespace.description()).build();
    }

    static dev.lattice.example.flags.v1.Variant toProto(Variant variant) {
        return dev.lattice.example.flags.v1.Variant.newBuilder()
                .setKey(variant.key()).setName(variant.name()).setAttachment(variant.attachment()).build();
    }

    static dev.lattice.example.flags.v1.Flag toProto(Flag flag) {
        var builder = dev.lattice.example.flags.v1.Flag.newBuilder()
                .setNamespaceKey(flag.namespaceKey()).setKey(flag.key()).setName(flag.name())
                .setDescription(flag.description()).setEnabled(flag.enabled());
        flag.variants().forEach(v -> builder.addVariants(toProto(v)));
        return builder.build();
    }

    static dev.lattice.example.flags.v1.Constraint toProto(Constraint constraint) {
        return dev.lattice.example.flags.v1.Constraint.newBuilder()
                .setId(constraint.id()).setProperty(constraint.property())
                .setOperator(constraint.operator().wireName()).setValue(constraint.value()).build();
    }

    static dev.lattice.example.flags.v1.Segment toProto(Segment segment) {
        var builder = dev.lattice.example.flags.v1.Segment.newBuilder()
                .setNamespaceKey(segment.namespaceKey()).setKey(segment.key()).setName(segment.name())
                .setMatchType(segment.matchType().name());
        segment.constraints().forEach(c -> builder.addConstraints(toProto(c)));
        return builder.build();
    }

    static dev.lattice.example.flags.v1.Rule toProto(Rule rule) {
        return dev.lattice.example.flags.v1.Rule.newBuilder()
                .setId(rule.id()).setNamespaceKey(rule.namespaceKey()).setFlagKey(rule.flagKey())
                .setSegmentKey(rule.segmentKey()).setVariantKey(rule.variantKey()).setRank(rule.rank()).build();
    }

    static EvaluationResponse toProto(EvaluationResult result) {
        return EvaluationResponse.newBuilder()
                .setMatch(result.match()).setFlagKey(result.flagKey()).setVariantKey(result.variantKey())
                .setSegmentKey(result.segmentKey()).setReason(result.reason().name())
                .setVariantAttachment(result.variantAttachment()).build();
    }
}
