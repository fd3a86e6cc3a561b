package dev.lattice.service;

import java.util.Optional;

/**
 * A database of the test run, with what it takes to connect from the test JVM and from containers on the run's
 * network. Server databases live on a shared {@link DatabaseServer}; an embedded one (SQLite) has no server, so it has
 * no host or port.
 */
public interface Database {

    /** {@code "postgres"}, {@code "mariadb"} or {@code "sqlite"}. */
    String kind();

    /** The JDBC URL from the test JVM. */
    String jdbcUrl();

    /** The JDBC URL from containers on the run's network, e.g. {@code jdbc:postgresql://postgres:5432/cell_3}. */
    String jdbcUrlInNetwork();

    /**
     * The JDBC URL from the test JVM for a driver with this subprotocol: {@code "mysql"} gives MySQL Connector/J's
     * {@code jdbc:mysql://host:port/name} for MariaDB, which speaks the MySQL protocol; the subprotocol of
     * {@link #jdbcUrl()} gives {@link #jdbcUrl()}.
     *
     * @param subprotocol {@code "postgresql"} for PostgreSQL; {@code "mariadb"} or {@code "mysql"} for MariaDB
     * @return the URL, with the same host, port and database as {@link #jdbcUrl()}
     * @throws IllegalArgumentException when the server does not speak that driver's protocol, naming those it speaks
     */
    default String jdbcUrl(String subprotocol) {
        return sameSubprotocol(jdbcUrl(), subprotocol);
    }

    /**
     * The JDBC URL from containers on the run's network for a driver with this subprotocol, as
     * {@link #jdbcUrl(String)} does from the test JVM, e.g. {@code jdbc:mysql://mariadb:3306/cell_3}.
     *
     * @param subprotocol {@code "postgresql"} for PostgreSQL; {@code "mariadb"} or {@code "mysql"} for MariaDB
     * @return the URL, with the same host, port and database as {@link #jdbcUrlInNetwork()}
     * @throws IllegalArgumentException when the server does not speak that driver's protocol, naming those it speaks
     */
    default String jdbcUrlInNetwork(String subprotocol) {
        return sameSubprotocol(jdbcUrlInNetwork(), subprotocol);
    }

    /**
     * The host that reaches the server from the test JVM, e.g. {@code localhost}, or the engine's host when the
     * engine is remote.
     *
     * @throws IllegalStateException for an embedded database, which has no server
     */
    default String host() {
        throw noServer(this);
    }

    /**
     * The port that reaches the server from the test JVM (the published port).
     *
     * @throws IllegalStateException for an embedded database, which has no server
     */
    default int port() {
        throw noServer(this);
    }

    /**
     * The host name of the server on the run's network, e.g. {@code postgres}.
     *
     * @throws IllegalStateException for an embedded database, which has no server
     */
    default String hostInNetwork() {
        throw noServer(this);
    }

    /**
     * The server's port on the run's network (its port inside its container), e.g. {@code 5432}.
     *
     * @throws IllegalStateException for an embedded database, which has no server
     */
    default int portInNetwork() {
        throw noServer(this);
    }

    /** The user to connect as; empty when the database needs none. */
    String username();

    /** The password of {@link #username()}; empty when the database needs none. */
    String password();

    /** The database's name on its server. */
    String databaseName();

    /** The server the database lives on; empty for an embedded database, which needs no container. */
    Optional<Service> service();

    private static String sameSubprotocol(String url, String subprotocol) {
        String own = url.substring("jdbc:".length(), url.indexOf(':', "jdbc:".length()));
        if (!own.equals(subprotocol)) {
            throw new IllegalArgumentException("Database \"" + url + "\" speaks only jdbc:" + own + ":, not jdbc:"
                    + subprotocol + ":");
        }
        return url;
    }

    private static IllegalStateException noServer(Database database) {
        return new IllegalStateException("Database " + database + " is embedded (" + database.kind() + "): it has no"
                + " server, so no host or port; connect with jdbcUrl()");
    }
}
