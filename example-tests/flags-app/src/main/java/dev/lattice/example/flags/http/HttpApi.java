package dev.lattice.example.flags.http;

import com.sun.net.httpserver.HttpServer;
import dev.lattice.example.flags.auth.BearerToken;
import dev.lattice.example.flags.store.FlagStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The HTTP/JSON API, health check and web page on one port. */
public final class HttpApi implements AutoCloseable {

    private static final int WORKER_THREADS = 8;

    private final HttpServer server;
    private final ExecutorService workers;

    private HttpApi(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Listens on 0.0.0.0; port 0 picks a free one. */
    public static HttpApi start(FlagStore store, BearerToken token, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS);
        server.setExecutor(workers);
        server.createContext("/", new ApiDispatcher(store, token));
        server.start();
        return new HttpApi(server, workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
