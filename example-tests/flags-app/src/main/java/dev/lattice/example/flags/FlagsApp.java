package dev.lattice.example.flags;

import dev.lattice.example.flags.auth.BearerToken;
import dev.lattice.example.flags.grpc.GrpcApi;
import dev.lattice.example.flags.http.HttpApi;
import dev.lattice.example.flags.store.Database;
import dev.lattice.example.flags.store.FlagStore;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Starts the feature-flag service: database, HTTP/JSON API with web page, and gRPC API. */
public final class FlagsApp implements AutoCloseable {

    static final String SELF_CHECK = "--self-check";

    private static final Duration DB_STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Database database;
    private final HttpApi http;
    private final GrpcApi grpc;

    private FlagsApp(Database database, HttpApi http, GrpcApi grpc) {
        this.database = database;
        this.http = http;
        this.grpc = grpc;
    }

    /**
     * Starts the app. The gRPC API opens before the HTTP port, so once {@code /health} answers, both APIs take
     * calls: a health check over HTTP covers the whole app.
     */
    public static FlagsApp start(AppConfig config) throws IOException {
        Database database = Database.connect(config.db(), DB_STARTUP_TIMEOUT);
        FlagStore store = FlagStore.open(database);
        BearerToken token = BearerToken.of(config.authToken());
        GrpcApi grpc = GrpcApi.start(store, token, config.grpcPort());
        HttpApi http = HttpApi.start(store, token, config.httpPort());
        return new FlagsApp(database, http, grpc);
    }

    public int httpPort() {
        return http.port();
    }

    public int grpcPort() {
        return grpc.port();
    }

    @Override
    public void close() {
        http.close();
        grpc.close();
        database.close();
    }

    /**
     * Runs the service until the JVM is asked to stop. With {@value #SELF_CHECK} it starts, calls each of its APIs
     * once (see {@link SelfCheck}) and exits: a smoke check, and the trial run that records the classes for class
     * data sharing.
     */
    public static void main(String[] args) throws Exception {
        run(List.of(args), System.getenv());
    }

    static void run(List<String> args, Map<String, String> env) throws Exception {
        boolean selfCheck = parseArguments(args);
        AppConfig config = AppConfig.fromEnv(env);
        FlagsApp app = start(config);
        System.out.printf("flags: %s database, auth %s, http on 0.0.0.0:%d, grpc on 0.0.0.0:%d%n",
                config.db().dialect().name().toLowerCase(java.util.Locale.ROOT),
                config.authToken().isEmpty() ? "off" : "on", app.httpPort(), app.grpcPort());
        if (selfCheck) {
            try {
                SelfCheck.run(app.httpPort(), app.grpcPort(), config.authToken());
                System.out.println("flags: self check passed (HTTP and gRPC)");
            } finally {
                app.close();
            }
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "flags-shutdown"));
        stopped.await();
    }

    private static boolean parseArguments(List<String> args) {
        for (String arg : args) {
            if (!arg.equals(SELF_CHECK)) {
                throw new IllegalArgumentException("flags: unknown argument '" + arg + "'; the service is configured"
                        + " by environment variables (see README.md), and its only argument is " + SELF_CHECK);
            }
        }
        return args.contains(SELF_CHECK);
    }
}
