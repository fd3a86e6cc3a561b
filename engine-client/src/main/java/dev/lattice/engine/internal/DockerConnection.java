package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.DockerEndpoint;
import dev.lattice.engine.EngineUnavailableException;
import dev.lattice.engine.spi.DaemonThreads;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.TestcontainersConfiguration;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the Docker engine and makes clients for it. The engine is the one Testcontainers finds (DOCKER_HOST,
 * ~/.testcontainers.properties, Docker contexts and its other strategies), reached through a client of Lattice's
 * own: Testcontainers' shared client would first start its Ryuk container, whose image a machine without a registry
 * pulls for minutes, and Lattice removes what it creates itself. When no engine answers, or DOCKER_HOST names one
 * that does not, the error names the endpoint, the cause and the fix.
 */
public final class DockerConnection {

    /** How long a probe waits for an engine's answer. */
    static final long PROBE_SECONDS = 5;
    /** How long the first request of a connection waits: an engine under load answers /info slower than /_ping. */
    static final long CONNECT_SECONDS = 20;

    private static final Map<String, DockerClient> CLIENTS = new ConcurrentHashMap<>();
    // A call to a paused engine holds its thread until the engine answers, so probes do not queue behind such calls:
    // each gets a thread of its own, up to this many; beyond that the engine has not answered for a long while.
    private static final int MAX_UNANSWERED_PROBES = 16;
    private static final ExecutorService PROBES = new ThreadPoolExecutor(0, MAX_UNANSWERED_PROBES, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), DaemonThreads.named("lattice-engine-probe"));
    private static Connection found;

    private DockerConnection() {
    }

    /**
     * A client, the endpoint it talks to and the engine's id there.
     *
     * @param client   the client
     * @param endpoint its engine's address
     * @param engineId the engine's id, read once when connecting: it keys what Lattice keeps per engine
     */
    public record Connection(DockerClient client, DockerEndpoint endpoint, String engineId) {
    }

    /**
     * Returns a client for the engine Testcontainers finds; one per JVM.
     *
     * @throws EngineUnavailableException when no engine answers, naming the endpoints tried and why
     */
    public static DockerClient testcontainersClient() {
        return testcontainersConnection().client();
    }

    /**
     * Returns the client for the engine Testcontainers finds and its endpoint; found once per JVM, after checking the
     * versions of Testcontainers and its libraries.
     *
     * @throws EngineUnavailableException when no engine answers, or when DOCKER_HOST names an engine that does not
     */
    public static synchronized Connection testcontainersConnection() {
        if (found == null) {
            RuntimeVersions.check();
            found = find();
        }
        return found;
    }

    /**
     * Returns a client for the engine at {@code uri} ({@code unix:///PATH.sock} or {@code tcp://HOST:PORT}), checking
     * that it answers.
     *
     * @throws IllegalArgumentException   when {@code uri} is not an engine address
     * @throws EngineUnavailableException when no engine answers there
     */
    public static Connection connect(String uri) {
        RuntimeVersions.check();
        DockerEndpoint endpoint = DockerEndpoint.of(uri);
        DockerClient client = clientFor(endpoint.uri(), null);
        return new Connection(client, endpoint, engineId(client, endpoint));
    }

    /**
     * Returns a stable identity of the engine behind the client (its id), checking that it answers.
     *
     * @throws EngineUnavailableException when it does not
     */
    public static String hostKey(DockerClient client) {
        try {
            return identity(client.infoCmd().exec());
        } catch (RuntimeException unavailable) {
            throw new EngineUnavailableException(String.valueOf(unavailable.getMessage()), unavailable);
        }
    }

    /**
     * The engine's id with its data root: Docker 20.10 derives the id from the host's trust key
     * ({@code /etc/docker/key.json}), so two engines of one host (a second dockerd with its own data root, as a
     * second CI runner in a test) answer with the same id, yet have separate image stores.
     */
    private static String identity(com.github.dockerjava.api.model.Info info) {
        String root = info.getDockerRootDir();
        return root == null || root.isEmpty() ? info.getId() : info.getId() + "@" + root;
    }

    /**
     * Returns a stable identity of the engine (its id), checking that it answers within a few seconds.
     *
     * @throws EngineUnavailableException when it does not, naming the endpoint and the cause
     */
    private static String engineId(DockerClient client, DockerEndpoint endpoint) {
        try {
            return withTimeout(() -> identity(client.infoCmd().exec()), CONNECT_SECONDS);
        } catch (RuntimeException unavailable) {
            throw EngineUnavailableException.withMessage("No Docker engine answers at " + endpoint.uri()
                    + " (" + cause(unavailable) + "). Start it (`bash scripts/docker-engine.sh` starts a local engine),"
                    + " or point DOCKER_HOST at a running engine.", unavailable);
        }
    }

    /**
     * Returns why the engine at {@code uri} does not answer a ping within a few seconds; empty when it answers.
     */
    public static Optional<String> probe(DockerClient client, String uri) {
        String socket = uri.startsWith("unix://") ? URI.create(uri).getPath() : null;
        if (socket != null && !Files.exists(Path.of(socket))) {
            return Optional.of("the socket " + socket + " does not exist");
        }
        try {
            withTimeout(() -> client.pingCmd().exec(), PROBE_SECONDS);
            return Optional.empty();
        } catch (RuntimeException failed) {
            return Optional.of(cause(failed));
        }
    }

    /**
     * Returns the innermost cause of a failure as {@code Type: message}, named by the JDK type it extends, or the
     * message of a time-out.
     */
    public static String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof TimeoutException) {
            return root.getMessage();
        }
        // Name the JDK type a (shaded) transport exception extends, e.g. java.net.ConnectException.
        Class<?> type = root.getClass();
        while (!type.getName().startsWith("java.") && type.getSuperclass() != null) {
            type = type.getSuperclass();
        }
        return type.getName() + ": " + root.getMessage();
    }

    private static Connection find() {
        Optional<Setting> configured = configuredHost();
        TransportConfig transport;
        try {
            transport = DockerClientFactory.instance().getTransportConfig();
        } catch (RuntimeException | LinkageError none) {
            throw noEngine(configured, none);
        }
        String chosen = transport.getDockerHost().toString();
        if (configured.isPresent() && !sameEndpoint(configured.get().value(), chosen)) {
            Setting setting = configured.get();
            Optional<String> why = probe(clientFor(setting.value(), null), setting.value());
            if (why.isPresent()) {
                throw EngineUnavailableException.withMessage(setting.name() + "=" + setting.value() + " is set, but no"
                        + " Docker engine answers there (" + why.get() + "). Testcontainers went on to " + chosen
                        + " instead, which Lattice does not do silently. Start the engine at " + setting.value()
                        + ", correct " + setting.name() + ", or remove it to use " + chosen + ".", null);
            }
            // It answers now (Testcontainers tried it earlier, or preferred a strategy remembered in its properties).
            return connect(setting.value());
        }
        DockerEndpoint endpoint = DockerEndpoint.of(chosen);
        DockerClient client = clientFor(endpoint.uri(), transport);
        return new Connection(client, endpoint, engineId(client, endpoint));
    }

    /** The engine address the user set, which must then be the one used: DOCKER_HOST, else Testcontainers' docker.host. */
    private static Optional<Setting> configuredHost() {
        String variable = System.getenv("DOCKER_HOST");
        if (variable != null && !variable.isBlank()) {
            return Optional.of(new Setting("DOCKER_HOST", variable.strip()));
        }
        String property = TestcontainersConfiguration.getInstance().getEnvVarOrUserProperty("docker.host", null);
        if (property != null && !property.isBlank()) {
            return Optional.of(new Setting("docker.host (in ~/.testcontainers.properties or TESTCONTAINERS_DOCKER_HOST)",
                    property.strip()));
        }
        return Optional.empty();
    }

    private record Setting(String name, String value) {
    }

    private static EngineUnavailableException noEngine(Optional<Setting> configured, Throwable failure) {
        List<String> tried = new ArrayList<>();
        List<String> candidates = configured.map(setting -> List.of(setting.value())).orElseGet(DockerConnection::localSockets);
        for (String candidate : candidates) {
            String why;
            try {
                DockerEndpoint.of(candidate);
                why = probe(clientFor(candidate, null), candidate).orElse("answers now; it did not when Testcontainers tried");
            } catch (RuntimeException invalid) {
                why = invalid.getMessage();
            }
            tried.add(candidate + " (" + why + ")");
        }
        String setting = configured.map(s -> s.name() + " names ").orElse("Tried ");
        return EngineUnavailableException.withMessage("No Docker engine answers. " + setting + String.join("; ", tried)
                + ". Testcontainers said: " + failure.getMessage() + ". Start an engine (`bash scripts/docker-engine.sh`"
                + " starts a local one), or point DOCKER_HOST (or docker.host in ~/.testcontainers.properties) at a"
                + " running engine.", failure);
    }

    /** The local sockets an engine usually listens on: the system one, rootless Docker's, Docker Desktop's. */
    private static List<String> localSockets() {
        List<String> sockets = new ArrayList<>();
        sockets.add("unix:///var/run/docker.sock");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock"))) {
            sockets.add("unix://" + Path.of(runtimeDir, "docker.sock"));
        }
        Path desktop = Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock");
        if (Files.exists(desktop)) {
            sockets.add("unix://" + desktop);
        }
        return sockets;
    }

    private static boolean sameEndpoint(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String uri) {
        String trimmed = uri.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** One client per address (and TLS settings), shared by every engine of the JVM. */
    private static DockerClient clientFor(String uri, TransportConfig transport) {
        TransportConfig config = transport != null ? transport : TransportConfig.builder().dockerHost(URI.create(uri)).build();
        String key = uri + "|" + (config.getSslConfig() == null ? "" : config.getSslConfig().toString());
        return CLIENTS.computeIfAbsent(key, k -> DockerClientProviderStrategy.getClientForConfig(config));
    }

    private interface Call<T> {
        T call();
    }

    /** Runs a call to the engine, giving up after {@code seconds} (a paused engine never answers). */
    static <T> T withTimeout(Call<T> call, long seconds) {
        CompletableFuture<T> answer;
        try {
            answer = CompletableFuture.supplyAsync(call::call, PROBES);
        } catch (RejectedExecutionException allWaiting) {
            throw new IllegalStateException(new TimeoutException("no answer: " + MAX_UNANSWERED_PROBES
                    + " earlier calls to the engine are still unanswered"));
        }
        try {
            return answer.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Docker engine", interrupted);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(failed.getCause());
        } catch (TimeoutException slow) {
            answer.cancel(true);
            throw new IllegalStateException(new TimeoutException("no answer within " + seconds + " s"));
        }
    }
}
