package dev.lattice.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lattice.engine.CachePolicy;
import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.ExecOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalog's PostgreSQL, built from its recipe, reached with pgjdbc from the test JVM and by alias. */
@ExtendWith(ClassServices.class)
class PostgresCatalogTest {

    private static DatabaseServer server;

    @BeforeAll
    static void startServer(ServiceRuntime runtime) {
        server = runtime.startDatabase(ServiceCatalog.postgres());
    }

    @Test
    void roundTripsThroughJdbcFromTheTestJvm() throws SQLException {
        Database database = server.newDatabase("round_trip");
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE flags (key TEXT PRIMARY KEY, enabled BOOLEAN)");
            statement.execute("INSERT INTO flags VALUES ('checkout', true)");
            try (ResultSet rows = statement.executeQuery("SELECT enabled FROM flags WHERE key = 'checkout'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBoolean(1)).isTrue();
            }
        } finally {
            server.dropDatabase(database);
        }
        assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://").endsWith("/round_trip");
        assertThat(database.jdbcUrlInNetwork()).isEqualTo("jdbc:postgresql://postgres:5432/round_trip");
    }

    @Test
    void twoCellsOnTheSharedServerSeeSeparateDatabases(ServiceRuntime runtime) throws SQLException {
        Database first = server.newDatabase("cell_a");
        Database second = server.newDatabase("cell_b");
        try (Connection a = connect(first); Connection b = connect(second);
             Statement inA = a.createStatement(); Statement inB = b.createStatement()) {
            inA.execute("CREATE TABLE only_in_a (id INT)");
            assertThatThrownBy(() -> inB.executeQuery("SELECT * FROM only_in_a"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("only_in_a");
        } finally {
            server.dropDatabase(first);
            server.dropDatabase(second);
        }
        assertThat(runtime.startDatabase(ServiceCatalog.postgres())).isSameAs(server);
    }

    @Test
    void anotherContainerReachesTheServerByAlias(Engine engine) {
        Database database = server.newDatabase("by_alias");
        try {
            Container client = Container.from(ServiceCatalog.postgres().image())
                    .withServiceBinding("db", server.service())
                    .withExec(List.of("psql", "postgresql://lattice:lattice@db:5432/by_alias", "-tAc", "SELECT 6 * 7"),
                            ExecOptions.defaults().withCachePolicy(CachePolicy.VOLATILE));
            assertThat(engine.stdout("psql-client", client).strip()).isEqualTo("42");
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void givesItsHostAndPortFromTheJvmAndInTheNetwork(Engine engine) throws SQLException {
        Database database = server.newDatabase("addresses");
        try {
            assertThat(database.host()).isEqualTo(engine.dockerEndpoint().publishedPortHost());
            assertThat(database.port()).isEqualTo(server.service().mappedPort(5432));
            assertThat(database.hostInNetwork()).isEqualTo("postgres");
            assertThat(database.portInNetwork()).isEqualTo(5432);
            // A URL built from the parts reaches the same database as jdbcUrl().
            String built = "jdbc:postgresql://" + database.host() + ":" + database.port() + "/addresses";
            assertThat(database.jdbcUrl("postgresql")).isEqualTo(built).isEqualTo(database.jdbcUrl());
            try (Connection connection = DriverManager.getConnection(built, database.username(), database.password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_database()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("addresses");
            }
            Container client = Container.from(ServiceCatalog.postgres().image())
                    .withServiceBinding(database.hostInNetwork(), server.service())
                    .withExec(List.of("psql", "-h", database.hostInNetwork(), "-p", String.valueOf(database.portInNetwork()),
                            "-U", "lattice", "-tAc", "SELECT current_database()", "addresses"),
                            ExecOptions.defaults().withEnv("PGPASSWORD", "lattice").withCachePolicy(CachePolicy.VOLATILE));
            assertThat(engine.stdout("psql-addresses", client).strip()).isEqualTo("addresses");
        } finally {
            server.dropDatabase(database);
        }
        assertThatThrownBy(() -> database.jdbcUrl("mysql")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A postgres server speaks jdbc:postgresql:, not jdbc:mysql:; ask for one of [postgresql]");
    }

    private static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    @Test
    void cellsThatStartTogetherGetTheirDatabasesAtOnce() throws Exception {
        // Eight cells at once, as a parallel matrix starts them: each gets its own database, none waits on a failure.
        List<CompletableFuture<Database>> created = IntStream
                .range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> server.newDatabase("together_" + i)))
                .toList();
        List<Database> databases = created.stream().map(CompletableFuture::join).toList();
        try {
            for (Database database : databases) {
                try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE mine (id INT)");
                }
            }
        } finally {
            databases.parallelStream().forEach(server::dropDatabase);
        }
        assertThat(databases).extracting(Database::databaseName).doesNotHaveDuplicates().hasSize(8);
    }
}
