package dev.lattice.service;

import java.util.Optional;

/**
 * A database of the test run, with what it takes to connect from the test JVM and from containers on the run's
 * network. Server databases live on a shared {@link DatabaseServer}; an embedded one (SQLite) has no server.
 */
public interface Database {

    /** {@code "postgres"}, {@code "mariadb"} or {@code "sqlite"}. */
    String kind();

    /** The JDBC URL from the test JVM. */
    String jdbcUrl();

    /** The JDBC URL from containers on the run's network, e.g. {@code jdbc:postgresql://postgres:5432/cell_3}. */
    String jdbcUrlInNetwork();

    /** The user to connect as; empty when the database needs none. */
    String username();

    /** The password of {@link #username()}; empty when the database needs none. */
    String password();

    /** The database's name on its server. */
    String databaseName();

    /** The server the database lives on; empty for an embedded database, which needs no container. */
    Optional<Service> service();
}
