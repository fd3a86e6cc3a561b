package dev.lattice.service.internal;

import dev.lattice.service.Database;
import dev.lattice.service.Service;
import java.util.Optional;

/**
 * A database on a running server.
 *
 * @param kind {@code postgres} or {@code mariadb}
 * @param databaseName its name on the server
 * @param username the application user
 * @param password the user's password
 * @param server the server's container
 * @param port the server's port inside its container
 */
record ServerDatabase(String kind, String databaseName, String username, String password, Service server, int port)
        implements Database {

    @Override
    public String jdbcUrl() {
        return url(server.host(), server.mappedPort(port));
    }

    @Override
    public String jdbcUrlInNetwork() {
        return url(server.networkAlias(), port);
    }

    @Override
    public Optional<Service> service() {
        return Optional.of(server);
    }

    private String url(String host, int onPort) {
        return "jdbc:" + ("postgres".equals(kind) ? "postgresql" : "mariadb") + "://" + host + ":" + onPort + "/"
                + databaseName;
    }

    @Override
    public String toString() {
        return "Database[" + kind + " " + databaseName + " on " + server.name() + "]";
    }
}
