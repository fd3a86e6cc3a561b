package dev.lattice.example.flags;

import dev.lattice.example.flags.v1.FlagServiceGrpc;
import dev.lattice.example.flags.v1.ListNamespacesRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Calls a started app once through each API, as a client would: lists the namespaces over HTTP/JSON and over gRPC.
 * A smoke check, and the trial run whose loaded classes make the app's class-data archive: one call per API loads
 * the request path (JSON, HTTP server, gRPC server) as well as the start-up code.
 */
final class SelfCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SelfCheck() {
    }

    /**
     * @throws IllegalStateException naming the API that did not answer as expected
     */
    static void run(int httpPort, int grpcPort, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/api/v1/namespaces")).timeout(TIMEOUT);
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (http.statusCode() != 200 || !http.body().contains("\"default\"")) {
            throw new IllegalStateException("self check: GET /api/v1/namespaces answered " + http.statusCode()
                    + " " + http.body());
        }

        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        try {
            Metadata metadata = new Metadata();
            if (!token.isEmpty()) {
                metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            }
            int namespaces = FlagServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                    .withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .listNamespaces(ListNamespacesRequest.getDefaultInstance()).getNamespacesCount();
            if (namespaces < 1) {
                throw new IllegalStateException("self check: gRPC ListNamespaces returned no namespace");
            }
        } finally {
            channel.shutdownNow().awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
