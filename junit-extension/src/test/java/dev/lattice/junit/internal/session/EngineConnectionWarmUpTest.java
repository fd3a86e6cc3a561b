package dev.lattice.junit.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.spi.EngineConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

/** Every JUnit run that has the extension on its class path opens the engine connection early. */
class EngineConnectionWarmUpTest {

    @Test
    void isRegisteredAsALauncherSessionListener() {
        assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(EngineConnectionWarmUp.class);
    }

    @Test
    void aLauncherSessionStartsConnectingInTheBackgroundAndTheRunFindsThatConnection() {
        CompletableFuture<DockerClient> before = EngineConnectionWarmUp.latestAttempt();

        try (LauncherSession session = LauncherFactory.openSession(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .addLauncherSessionListeners(new EngineConnectionWarmUp(() -> true)).build())) {
            CompletableFuture<DockerClient> attempt = EngineConnectionWarmUp.latestAttempt();

            assertThat(attempt).as("the session's attempt").isNotNull().isNotSameAs(before);
            assertThat(attempt).succeedsWithin(Duration.ofSeconds(60))
                    .isSameAs(EngineConnections.testcontainersClient());
        }
    }

    @Test
    void aLauncherSessionWhereNoEngineIsConfiguredConnectsToNothing() {
        try (LauncherSession first = LauncherFactory.openSession(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .addLauncherSessionListeners(new EngineConnectionWarmUp(() -> true)).build())) {
            CompletableFuture<DockerClient> before = EngineConnectionWarmUp.latestAttempt();

            try (LauncherSession session = LauncherFactory.openSession(LauncherConfig.builder()
                    .enableLauncherSessionListenerAutoRegistration(false)
                    .addLauncherSessionListeners(new EngineConnectionWarmUp(() -> false)).build())) {
                assertThat(EngineConnectionWarmUp.latestAttempt()).as("no new attempt").isSameAs(before);
            }
        }
    }

    @Test
    void anEngineIsConfiguredByDockerHostItsSocketOrTestcontainersProperties(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("docker.sock");
        Path home = Files.createDirectory(dir.resolve("home"));
        assertThat(EngineConnectionWarmUp.engineConfigured(null, socket, home)).as("nothing").isFalse();
        assertThat(EngineConnectionWarmUp.engineConfigured("tcp://127.0.0.1:2375", socket, home))
                .as("DOCKER_HOST").isTrue();

        Files.createFile(home.resolve(".testcontainers.properties"));
        assertThat(EngineConnectionWarmUp.engineConfigured(null, socket, home)).as("properties").isTrue();

        Files.delete(home.resolve(".testcontainers.properties"));
        Files.createFile(socket);
        assertThat(EngineConnectionWarmUp.engineConfigured(null, socket, home)).as("socket").isTrue();
    }
}
