package dev.lattice.junit.internal.session;

import dev.lattice.engine.spi.DaemonThreads;
import dev.lattice.engine.spi.EngineConnections;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the Docker engine connection on a background thread as soon as a test run starts, so that Testcontainers'
 * client set-up (reading its configuration, loading docker-java, the first ping: most of a second of CPU) overlaps
 * JUnit's discovery instead of delaying the first pipeline or service. Registered through
 * {@code META-INF/services}; the first {@link LatticeSession#engine()} then finds the client ready. It does nothing
 * where no engine is configured, and a failure here is left for the session to report when it needs the engine.
 */
public final class EngineConnectionWarmUp implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!engineConfigured()) {
            return;
        }
        DaemonThreads.start("lattice-engine-warm-up", EngineConnectionWarmUp::connectQuietly);
    }

    private static void connectQuietly() {
        try {
            EngineConnections.testcontainersClient();
        } catch (RuntimeException | LinkageError reportedLater) {
            // The session connects again when a test needs the engine, and reports the failure there.
        }
    }

    /** Whether an engine is configured the ways Testcontainers looks for one, without contacting it. */
    static boolean engineConfigured() {
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    }
}
