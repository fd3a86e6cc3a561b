package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.Engine;
import dev.lattice.service.CatalogService;
import dev.lattice.service.Database;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceCatalog;
import dev.lattice.service.ServiceRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * Per-cell databases on real servers: those PostgreSQL takes from the stock made ahead of need are as fresh as any
 * (empty, named as asked, never connected to), the stock grows only with demand, a name dropped in the background can
 * be asked for again at once, cells at once never share one, and closing the server leaves no database behind and
 * does not hang on a server that stopped answering.
 */
class JdbcDatabaseServerTest {

    private static final String USER = CatalogService.credentials().get("user");
    private static final String PASSWORD = CatalogService.credentials().get("password");

    private static Engine engine;
    private static ServiceRuntime runtime;
    private static Service postgres;
    private static Service mariadb;

    @BeforeAll
    static void startServers() {
        engine = Engine.connect();
        runtime = ServiceRuntime.create(engine);
        postgres = runtime.startService(ServiceCatalog.postgres());
        mariadb = runtime.startService(ServiceCatalog.mariadb());
    }

    @AfterAll
    static void stopServers() {
        runtime.close();
        engine.close();
    }

    @Test
    void aDatabaseTakenFromTheStockIsEmptyNamedAsAskedOwnedByTheUserAndNeverConnectedTo() throws SQLException {
        JdbcDatabaseServer server = postgresServer();
        try (Connection admin = postgresAdmin()) {
            // Two cells' databases: the stock grows with what cells ask for.
            server.dropDatabase(server.newDatabase("demand_1"));
            server.dropDatabase(server.newDatabase("demand_2"));
            await().atMost(Duration.ofSeconds(60)).until(() -> postgresNames(admin, "lattice_stock_").size() >= 2);
            List<String> stockBefore = postgresNames(admin, "lattice_stock_");

            Database database = server.newDatabase("from_stock");

            List<String> stockAfter = postgresNames(admin, "lattice_stock_");
            assertThat(stockBefore).as("one stocked database was renamed").anySatisfy(name ->
                    assertThat(stockAfter).doesNotContain(name));
            assertThat(single(admin, "SELECT count(*) FROM pg_stat_activity WHERE datname = 'from_stock'"))
                    .as("connections to it before the cell's own").isEqualTo("0");
            assertThat(single(admin, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'from_stock'"))
                    .isEqualTo(USER);
            try (Connection connection = connect(database)) {
                assertThat(single(connection, "SELECT current_database()")).isEqualTo("from_stock");
                assertThat(single(connection, "SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND n.nspname NOT LIKE 'pg_toast%'")).as("relations outside the catalogs").isEqualTo("0");
            }
        } finally {
            server.close();
        }
    }

    @Test
    void aServerAskedForOneDatabaseMakesOneSpareNotAFullStock() throws SQLException {
        JdbcDatabaseServer server = postgresServer();
        try (Connection admin = postgresAdmin()) {
            server.newDatabase("the_shared_one");

            await().atMost(Duration.ofSeconds(60)).until(() -> postgresNames(admin, "lattice_stock_").size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> postgresNames(admin, "lattice_stock_").size() == 1);
        } finally {
            server.close();
        }
    }

    @Test
    void aNameDroppedInTheBackgroundCanBeAskedForAgainAtOnceAndIsEmpty() throws SQLException {
        JdbcDatabaseServer server = postgresServer();
        try {
            Database first = server.newDatabase("again");
            // A connection the cell left open: the drop closes it.
            Connection leftOpen = connect(first);
            try (Statement statement = leftOpen.createStatement()) {
                statement.execute("CREATE TABLE kept (id INT)");
            }
            server.dropDatabase(first);

            Database second = server.newDatabase("again");

            try (Connection connection = connect(second)) {
                assertThat(single(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'kept'"))
                        .isEqualTo("0");
            }
            assertThat(leftOpen.isValid(5)).as("the first database's connection, closed by the drop").isFalse();
        } finally {
            server.close();
        }
    }

    @Test
    void cellsAtOnceEachGetAnEmptyDatabaseOfTheirOwnAndClosingLeavesNoDatabaseBehind() throws Exception {
        JdbcDatabaseServer server = postgresServer();
        ExecutorService cells = Executors.newFixedThreadPool(8);
        List<String> seen = new ArrayList<>();
        try {
            // 16 cells, 8 at a time, each twice under the same name: stocked, created and re-taken names all mix.
            for (int round = 0; round < 2; round++) {
                List<CompletableFuture<String>> done = IntStream.range(0, 16)
                        .mapToObj(i -> CompletableFuture.supplyAsync(() -> cell(server, "par_" + i), cells))
                        .toList();
                done.forEach(future -> seen.add(future.join()));
            }
        } finally {
            cells.shutdownNow();
            server.close();
        }
        assertThat(seen).hasSize(32).containsOnly(IntStream.range(0, 16).mapToObj(i -> "par_" + i)
                .toArray(String[]::new));
        try (Connection admin = postgresAdmin()) {
            assertThat(postgresNames(admin, "par_")).as("cells' databases after close").isEmpty();
            assertThat(postgresNames(admin, "lattice_stock_")).as("stocked databases after close").isEmpty();
        }
    }

    @Test
    void mariaDbDropsInTheBackgroundAndANameCanBeAskedForAgainAtOnce() throws SQLException {
        JdbcDatabaseServer server = new JdbcDatabaseServer(ServiceCatalog.mariadb(), mariadb, USER, PASSWORD, "lattice");
        try {
            Database first = server.newDatabase("again");
            try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id INT)");
            }
            server.dropDatabase(first);
            Database second = server.newDatabase("again");
            try (Connection connection = connect(second)) {
                assertThat(single(connection, "SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = 'again'")).isEqualTo("0");
            }
            server.dropDatabase(second);
        } finally {
            server.close();
        }
        try (Connection root = DriverManager.getConnection("jdbc:mariadb://" + mariadb.host() + ":"
                + mariadb.mappedPort(3306) + "/", "root", PASSWORD)) {
            assertThat(single(root, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'again'"))
                    .as("the dropped database after close").isEqualTo("0");
        }
    }

    @Test
    void closingDoesNotHangOnAServerThatStoppedAnswering() {
        Service own = runtime.start(ServiceCatalog.postgres().spec().fresh());
        JdbcDatabaseServer server = new JdbcDatabaseServer(ServiceCatalog.postgres(), own, USER, PASSWORD, "lattice",
                Duration.ofSeconds(2));
        Database database = server.newDatabase("left_behind");
        String container = ((RunningService) own).containerId();
        DockerClient docker = engine.dockerClient();
        docker.pauseContainerCmd(container).exec();
        try {
            server.dropDatabase(database);

            assertTimeoutPreemptively(Duration.ofSeconds(20), server::close, "close() on a paused server");
        } finally {
            docker.unpauseContainerCmd(container).exec();
            runtime.stop(own);
        }
    }

    /** One cell: a database of its own, empty, which it writes to and hands back. */
    private static String cell(JdbcDatabaseServer server, String name) {
        Database database = server.newDatabase(name);
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("tables in %s when the cell starts", name).isZero();
            }
            statement.execute("CREATE TABLE mine (cell TEXT)");
            statement.execute("INSERT INTO mine VALUES ('" + name + "')");
            return single(connection, "SELECT current_database()");
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        } finally {
            server.dropDatabase(database);
        }
    }

    private static JdbcDatabaseServer postgresServer() {
        return new JdbcDatabaseServer(ServiceCatalog.postgres(), postgres, USER, PASSWORD, "lattice");
    }

    private static Connection postgresAdmin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + postgres.host() + ":" + postgres.mappedPort(5432)
                + "/lattice", USER, PASSWORD);
    }

    private static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    /** The databases whose names start with the prefix. */
    private static List<String> postgresNames(Connection admin, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = admin.prepareStatement(
                "SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY datname")) {
            statement.setString(1, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).as(query).isTrue();
            return rows.getString(1);
        }
    }
}
