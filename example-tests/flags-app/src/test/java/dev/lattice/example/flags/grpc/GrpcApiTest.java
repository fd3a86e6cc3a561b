package dev.lattice.example.flags.grpc;

import dev.lattice.example.flags.TestDatabase;
import dev.lattice.example.flags.auth.BearerToken;
import dev.lattice.example.flags.v1.CreateFlagRequest;
import dev.lattice.example.flags.v1.FlagServiceGrpc;
import dev.lattice.example.flags.v1.GetFlagRequest;
import dev.lattice.example.flags.v1.ListNamespacesRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Auth and status mapping of the gRPC API, on a loopback port. */
class GrpcApiTest {

    private static TestDatabase db;
    private static GrpcApi api;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws IOException {
        db = TestDatabase.open();
        api = GrpcApi.start(db.store(), BearerToken.of("grpc-token"), 0);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", api.port()).usePlaintext().build();
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        api.close();
        db.close();
    }

    @Test
    void callsWithoutTokenAreUnauthenticated() {
        var stub = FlagServiceGrpc.newBlockingStub(channel);

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> stub.listNamespaces(ListNamespacesRequest.getDefaultInstance()));

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void domainErrorsMapToStatusCodes() {
        var stub = authorized("grpc-token");
        stub.createFlag(CreateFlagRequest.newBuilder().setKey(TestDatabase.uniqueKey("g")).build());

        assertThat(code(() -> stub.getFlag(GetFlagRequest.newBuilder().setKey("missing").build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(() -> stub.createFlag(CreateFlagRequest.newBuilder().setKey("bad key").build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(stub.listNamespaces(ListNamespacesRequest.getDefaultInstance()).getNamespacesList())
                .extracting(n -> n.getKey()).contains("default");
    }

    private static FlagServiceGrpc.FlagServiceBlockingStub authorized(String token) {
        Metadata headers = new Metadata();
        headers.put(BearerTokenInterceptor.AUTHORIZATION, "Bearer " + token);
        return FlagServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static Status.Code code(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run).getStatus().getCode();
    }
}
