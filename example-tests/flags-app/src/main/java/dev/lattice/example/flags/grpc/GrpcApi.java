package dev.lattice.example.flags.grpc;

import dev.lattice.example.flags.auth.BearerToken;
import dev.lattice.example.flags.store.FlagStore;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The gRPC server (plain text). */
public final class GrpcApi implements AutoCloseable {

    private final Server server;

    private GrpcApi(Server server) {
        this.server = server;
    }

    /** Listens on 0.0.0.0; port 0 picks a free one. */
    public static GrpcApi start(FlagStore store, BearerToken token, int port) throws IOException {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("0.0.0.0", port))
                .addService(ServerInterceptors.intercept(new FlagGrpcService(store), new BearerTokenInterceptor(token)))
                .build()
                .start();
        return new GrpcApi(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
