package dev.lattice.service;

import static org.assertj.core.api.Assertions.assertThat;

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
}
