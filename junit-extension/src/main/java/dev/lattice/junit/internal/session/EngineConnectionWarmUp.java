package dev.lattice.junit.internal.session;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.spi.DaemonThreads;
import dev.lattice.engine.spi.EngineConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Opens the Docker engine connection on a background thread as soon as a test run starts, so that Testcontainers'
 * client set-up (reading its configuration, loading docker-java, the first ping: most of a second of CPU) overlaps
 * JUnit's discovery instead of delaying the first pipeline or service. Registered through
 * {@code META-INF/services}; the first {@link LatticeSession#engine()} then finds the client ready. It does nothing
 * where no engine is configured (no DOCKER_HOST, no {@code /var/run/docker.sock}, no
 * {@code ~/.testcontainers.properties}), and a failure here is left for the session to report when it needs the
 * engine.
 */
public final class EngineConnectionWarmUp implements LauncherSessionListener {

    private static volatile CompletableFuture<DockerClient> latest;

    private final BooleanSupplier engineConfigured;

    /** The listener the launcher registers, which looks for this machine's engine configuration. */
    public EngineConnectionWarmUp() {
        this(() -> engineConfigured(System.getenv("DOCKER_HOST"), Path.of("/var/run/docker.sock"),
                Path.of(System.getProperty("user.home"))));
    }

    EngineConnectionWarmUp(BooleanSupplier engineConfigured) {
        this.engineConfigured = engineConfigured;
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!engineConfigured.getAsBoolean()) {
            return;
        }
        CompletableFuture<DockerClient> attempt = new CompletableFuture<>();
        latest = attempt;
        DaemonThreads.start("lattice-engine-warm-up", () -> {
            try {
                attempt.complete(EngineConnections.testcontainersClient());
            } catch (RuntimeException | LinkageError reportedLater) {
                // The session connects again when a test needs the engine, and reports the failure there.
                attempt.completeExceptionally(reportedLater);
            }
        });
    }

    /**
     * The connection attempt of the latest launcher session that started one, so that a run can tell it happened.
     *
     * @return the attempt; {@code null} when no session of this JVM started one
     */
    static CompletableFuture<DockerClient> latestAttempt() {
        return latest;
    }

    /**
     * Whether an engine is configured the ways Testcontainers looks for one, without contacting it.
     *
     * @param dockerHost the DOCKER_HOST variable; {@code null} when unset
     * @param socket the engine's usual socket
     * @param home the user's home, where {@code .testcontainers.properties} may name an engine
     */
    static boolean engineConfigured(String dockerHost, Path socket, Path home) {
        return dockerHost != null || Files.exists(socket) || Files.exists(home.resolve(".testcontainers.properties"));
    }
}
