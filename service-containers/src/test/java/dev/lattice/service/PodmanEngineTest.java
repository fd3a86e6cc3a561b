package dev.lattice.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.File;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.StepStatus;
import dev.lattice.engine.internal.DockerConnection;
import dev.lattice.engine.internal.ImageIndex;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Podman 4 through its Docker API: a pipeline of quick steps (Podman names loaded images {@code localhost/NAME:TAG}
 * and may answer /top with an empty body) and the catalog's PostgreSQL, built from its recipe on Podman and started
 * there, not on the Docker engine Testcontainers finds.
 */
class PodmanEngineTest {

    private static final String BASE = "debian:bookworm-slim";

    @Test
    void pipelinesAndTheCatalogsPostgresRunOnPodman() throws Exception {
        try (PodmanEngine podman = PodmanEngine.start()) {
            Engine engine = Engine.builder().dockerHost(podman.uri()).build();
            ServiceRuntime runtime = ServiceRuntime.create(engine);
            try {
                DockerClient docker = DockerConnection.testcontainersClient();
                podman.load(docker, engine.dockerClient(), BASE);

                dev.lattice.engine.Container pipeline = dev.lattice.engine.Container.from(BASE)
                        .withExec("sh", "-c", "echo one > /one")
                        .withExec("sh", "-c", "echo two > /two")
                        .withFile("/three", File.of("three", "three\n".getBytes(StandardCharsets.UTF_8), 0644))
                        .withExec("sh", "-c", "cat /one /two /three > /all");
                assertThat(new String(engine.readFile("podman-pipeline", pipeline, "/all"), StandardCharsets.UTF_8))
                        .isEqualTo("one\ntwo\nthree\n");
                // Podman keeps the base image and the cache entries under localhost/; a later run must find them there.
                ImageIndex index = ImageIndex.of(engine.dockerClient());
                assertThat(index.idOf(BASE)).isPresent();
                assertThat(engine.lastReport("podman-pipeline").steps()).allSatisfy(step ->
                        assertThat(index.cacheEntry(step.cacheKey())).as("cache entry of %s", step.description()).isPresent());
                engine.solve("podman-pipeline", pipeline);
                assertThat(engine.lastReport("podman-pipeline").count(StepStatus.BUILT)).as("steps built again").isZero();
                // Podman has no BuildKit: a file of another pipeline is copied through an archive.
                dev.lattice.engine.Container copied = dev.lattice.engine.Container.from(BASE)
                        .withFile("/copied", pipeline.file("/all"));
                assertThat(new String(engine.readFile("podman-copy", copied, "/copied"), StandardCharsets.UTF_8))
                        .isEqualTo("one\ntwo\nthree\n");

                DatabaseServer server = runtime.startDatabase(ServiceCatalog.postgres());
                Database database = server.newDatabase("on_podman");
                try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                        database.password()); Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT 6 * 7")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(42);
                } finally {
                    server.dropDatabase(database);
                }

                String serverId = server.service().containerId();
                Map<String, String> run = Map.of(RunLabels.RUN, engine.runLabels().runId());
                assertThat(engine.dockerClient().listContainersCmd().withLabelFilter(run).exec())
                        .extracting(Container::getId).contains(serverId);
                assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(run).exec())
                        .as("containers of this run on the Docker engine").isEmpty();
            } finally {
                runtime.close();
                engine.close();
            }
        }
    }
}
