package dev.lattice.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** Testcontainers' own PostgreSQL module runs on the catalog's recipe image, declared a compatible substitute. */
@ExtendWith(ClassServices.class)
class TestcontainersDropInTest {

    @Test
    void postgreSqlContainerRunsOnTheRecipeImage(ServiceRuntime runtime) throws Exception {
        String image = runtime.prepareImage(ServiceCatalog.postgres());
        try (PostgreSQLContainer postgres = new PostgreSQLContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))) {
            postgres.start();
            try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
                    postgres.getPassword()); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_database(), version()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(postgres.getDatabaseName());
                assertThat(rows.getString(2)).startsWith("PostgreSQL 15");
            }
        }
    }
}
