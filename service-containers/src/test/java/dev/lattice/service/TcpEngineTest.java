package dev.lattice.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lattice.engine.CachePolicy;
import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.EngineUnavailableException;
import dev.lattice.engine.ExecOptions;
import dev.lattice.engine.internal.DockerConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An engine reached over TCP (socat on loopback in front of the engine's socket): pipelines and services run through
 * it, services' published ports are reached at its host, and when it goes away the run says so, naming it.
 */
class TcpEngineTest {

    private static final String BASE = "debian:bookworm-slim";

    @Test
    void pipelinesAndTheCatalogsPostgresRunThroughATcpEndpointAndTheEndpointGoingAwayIsNamed() throws Exception {
        String local = DockerConnection.testcontainersConnection().endpoint().uri();
        try (SocatEndpoint tcp = SocatEndpoint.inFrontOf(local)) {
            Engine engine = Engine.builder().dockerHost(tcp.uri()).build();
            ServiceRuntime runtime = ServiceRuntime.create(engine);
            try {
                assertThat(engine.dockerEndpoint().uri()).isEqualTo(tcp.uri());
                assertThat(engine.dockerEndpoint().publishedPortHost()).isEqualTo("127.0.0.1");
                assertThat(echo(engine, "over tcp")).isEqualTo("over tcp");

                DatabaseServer server = runtime.startDatabase(ServiceCatalog.postgres());
                Database database = server.newDatabase("over_tcp");
                assertThat(database.host()).isEqualTo("127.0.0.1");
                assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + database.port() + "/over_tcp");
                try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                        database.password()); Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT 6 * 7")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getInt(1)).isEqualTo(42);
                } finally {
                    server.dropDatabase(database);
                }

                tcp.stop();
                String stopped = "The Docker engine at " + tcp.uri() + " stopped answering during the run"
                        + " (java.net.ConnectException: ";
                assertThatThrownBy(() -> echo(engine, "after the engine went away"))
                        .isInstanceOf(EngineUnavailableException.class).hasMessageStartingWith(stopped)
                        .hasMessageContaining("`docker info`");
                assertThatThrownBy(() -> runtime.start(ServiceSpec.of(BASE).named("late").withCommand("sleep", "infinity")))
                        .isInstanceOf(EngineUnavailableException.class).hasMessageStartingWith(stopped);

                tcp.start();
                assertThat(echo(engine, "back again")).isEqualTo("back again");
            } finally {
                runtime.close();
                engine.close();
            }
        }
    }

    /** Runs {@code echo} in a step of its own (volatile, so nothing stays cached) and returns what it printed. */
    private static String echo(Engine engine, String text) {
        String nonce = UUID.randomUUID().toString();
        Container step = Container.from(BASE).withExec(List.of("echo", text, nonce),
                ExecOptions.defaults().withCachePolicy(CachePolicy.VOLATILE));
        return engine.stdout("tcp-echo", step).strip().replace(" " + nonce, "");
    }
}
