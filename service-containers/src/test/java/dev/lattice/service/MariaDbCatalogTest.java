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

/** The catalog's MariaDB, built from its recipe, reached with MariaDB Connector/J and by alias. */
@ExtendWith(ClassServices.class)
class MariaDbCatalogTest {

    private static DatabaseServer server;

    @BeforeAll
    static void startServer(ServiceRuntime runtime) {
        server = runtime.startDatabase(ServiceCatalog.mariadb());
    }

    @Test
    void roundTripsThroughJdbcAsTheApplicationUser() throws SQLException {
        Database database = server.newDatabase("round_trip");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE flags (flag_key VARCHAR(64) PRIMARY KEY, enabled BOOLEAN)");
            statement.execute("INSERT INTO flags VALUES ('checkout', true)");
            try (ResultSet rows = statement.executeQuery("SELECT enabled FROM flags")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBoolean(1)).isTrue();
            }
        } finally {
            server.dropDatabase(database);
        }
        assertThat(database.username()).isEqualTo("lattice");
        assertThat(database.jdbcUrlInNetwork()).isEqualTo("jdbc:mariadb://mariadb:3306/round_trip");
    }

    @Test
    void mySqlConnectorJReachesItThroughItsOwnUrl() throws SQLException {
        assertThat(java.util.Collections.list(DriverManager.getDrivers()))
                .as("JDBC drivers on the test classpath; MySQL Connector/J is com.mysql:mysql-connector-j (test scope)")
                .anySatisfy(driver -> assertThat(driver.getClass().getName()).isEqualTo("com.mysql.cj.jdbc.Driver"));
        Database database = server.newDatabase("through_mysql");
        try {
            String url = database.jdbcUrl("mysql");
            assertThat(url).isEqualTo("jdbc:mysql://" + database.host() + ":" + database.port() + "/through_mysql");
            assertThat(database.jdbcUrlInNetwork("mysql")).isEqualTo("jdbc:mysql://mariadb:3306/through_mysql");
            assertThat(database.jdbcUrl("mariadb")).isEqualTo(database.jdbcUrl());
            try (Connection connection = DriverManager.getConnection(url, database.username(), database.password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT DATABASE(), VERSION()")) {
                assertThat(connection.getMetaData().getDriverName()).startsWith("MySQL Connector/J");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("through_mysql");
                assertThat(rows.getString(2)).contains("MariaDB");
            }
        } finally {
            server.dropDatabase(database);
        }
    }

    @Test
    void givesItsHostAndPortFromTheJvmAndInTheNetwork(Engine engine) {
        Database database = server.newDatabase("addresses");
        try {
            assertThat(database.host()).isEqualTo(engine.dockerEndpoint().publishedPortHost());
            assertThat(database.port()).isEqualTo(server.service().mappedPort(3306));
            assertThat(database.hostInNetwork()).isEqualTo("mariadb");
            assertThat(database.portInNetwork()).isEqualTo(3306);
            Container client = Container.from(ServiceCatalog.mariadb().image())
                    .withServiceBinding(database.hostInNetwork(), server.service())
                    .withExec(List.of("mariadb", "-h", database.hostInNetwork(), "-P",
                            String.valueOf(database.portInNetwork()), "-u", "lattice", "-plattice", "addresses", "-N",
                            "-e", "SELECT DATABASE()"), ExecOptions.defaults().withCachePolicy(CachePolicy.VOLATILE));
            assertThat(engine.stdout("mariadb-addresses", client).strip()).isEqualTo("addresses");
        } finally {
            server.dropDatabase(database);
        }
        assertThatThrownBy(() -> database.jdbcUrl("postgresql")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A mariadb server speaks jdbc:mariadb: and jdbc:mysql:, not jdbc:postgresql:; ask for one"
                        + " of [mariadb, mysql]");
    }

    @Test
    void anotherContainerReachesTheServerByAlias(Engine engine) {
        Database database = server.newDatabase("by_alias");
        try {
            Container client = Container.from(ServiceCatalog.mariadb().image())
                    .withServiceBinding("db", server.service())
                    .withExec(List.of("mariadb", "-h", "db", "-u", "lattice", "-plattice", "by_alias", "-N", "-e",
                            "SELECT 6 * 7"), ExecOptions.defaults().withCachePolicy(CachePolicy.VOLATILE));
            assertThat(engine.stdout("mariadb-client", client).strip()).isEqualTo("42");
        } finally {
            server.dropDatabase(database);
        }
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
                try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                        database.password()); Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE mine (id INT)");
                }
            }
        } finally {
            databases.parallelStream().forEach(server::dropDatabase);
        }
        assertThat(databases).extracting(Database::databaseName).doesNotHaveDuplicates().hasSize(8);
    }
}
