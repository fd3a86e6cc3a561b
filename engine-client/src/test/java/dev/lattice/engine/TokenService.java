package dev.lattice.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

import static org.assertj.core.api.Assertions.fail;

/**
 * The token service of {@code scripts/registry.sh}'s token registry, on the realm that registry names, while a test
 * holds it: a request with the test user's basic credentials gets a token ({@link RegistryTokens}) granting every
 * scope it asks for; other credentials, or none, get 401. It records each request it answered. The realm's port is
 * fixed, so test JVMs on this machine take turns: {@link #start()} waits until no other one holds it.
 */
public final class TokenService implements AutoCloseable {

    /** The registry that sends its clients here. */
    public static final String REGISTRY = RegistryCacheEnvironment.TOKEN_REGISTRY;
    public static final String USER = RegistryCacheEnvironment.AUTH_USER;
    public static final String PASSWORD = RegistryCacheEnvironment.AUTH_PASSWORD;
    /** As {@code scripts/registry.sh} configures the token registry. */
    static final String REALM = "http://127.0.0.1:5004/token";
    private static final int PORT = 5004;
    private static final Path TURNS = Path.of(System.getProperty("java.io.tmpdir"), "lattice-token-service.lock");
    private static final Semaphore IN_THIS_JVM = new Semaphore(1);

    /**
     * A request the service answered.
     *
     * @param status    200 with a token, 401 for wrong credentials, 400 for another service
     * @param userAgent the client's User-Agent: Lattice's JVM sends Java's, the engine Docker's
     * @param scopes    the scopes asked for
     */
    public record Served(int status, String userAgent, List<String> scopes) {
    }

    private final RegistryTokens tokens;
    private final FileChannel turn;
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private TokenService(RegistryTokens tokens, FileChannel turn) throws IOException {
        this.tokens = tokens;
        this.turn = turn;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), PORT), 0);
        } catch (BindException taken) {
            throw new IllegalStateException("127.0.0.1:" + PORT + ", the token registry's realm " + REALM + ", is"
                    + " taken by a process that is not a Lattice test (those take turns through " + TURNS + "); stop"
                    + " it (ss -ltnp | grep :" + PORT + ")", taken);
        }
        server.createContext("/token", this::answer);
        server.start();
    }

    /**
     * Serves the realm once no other test holds it; fails, with what to run, when the token registry or its key is
     * missing.
     */
    public static TokenService start() throws IOException, InterruptedException {
        RegistryCacheEnvironment.requireTokenRegistry(REALM, RegistryTokens.SERVICE);
        RegistryTokens tokens = RegistryTokens.load();
        IN_THIS_JVM.acquire();
        FileChannel turn = null;
        try {
            turn = FileChannel.open(TURNS, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            turn.lock(); // held until the channel closes
            return new TokenService(tokens, turn);
        } catch (IOException | RuntimeException failed) {
            if (turn != null) {
                turn.close();
            }
            IN_THIS_JVM.release();
            throw failed;
        }
    }

    /** The requests answered so far, in order. */
    public List<Served> served() {
        return List.copyOf(served);
    }

    /** The requests answered so far whose User-Agent starts with {@code userAgent}. */
    public List<Served> servedTo(String userAgent) {
        return served.stream().filter(request -> request.userAgent().startsWith(userAgent)).toList();
    }

    /** The Authorization header of a token for {@code scope}, as the service would answer one; not recorded. */
    public String bearer(String scope) {
        return "Bearer " + tokens.token(USER, List.of(scope));
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop(0);
            turn.close();
        } finally {
            IN_THIS_JVM.release();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        List<String> scopes = new ArrayList<>();
        String service = null;
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] parts = pair.split("=", 2);
            String value = parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            if (parts[0].equals("scope")) {
                Arrays.stream(value.split(" ")).filter(scope -> !scope.isEmpty()).forEach(scopes::add);
            } else if (parts[0].equals("service")) {
                service = value;
            }
        }
        int status;
        String body;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!RegistryCacheEnvironment.basicAuthorization().equals(authorization)) {
            status = 401;
            body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"wrong user name or password\"}]}";
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + RegistryTokens.ISSUER + "\"");
        } else if (!RegistryTokens.SERVICE.equals(service)) {
            status = 400;
            body = "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"tokens for " + RegistryTokens.SERVICE
                    + " only\"}]}";
        } else {
            status = 200;
            String token = tokens.token(USER, scopes);
            body = "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":"
                    + RegistryTokens.LIFETIME_SECONDS + ",\"issued_at\":\"" + Instant.now() + "\"}";
        }
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        served.add(new Served(status, userAgent == null ? "" : userAgent, List.copyOf(scopes)));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
