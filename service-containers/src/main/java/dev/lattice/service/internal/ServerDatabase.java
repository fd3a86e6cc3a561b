package dev.lattice.service.internal;

import dev.lattice.service.Database;
import dev.lattice.service.Service;
import java.util.List;
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
        return jdbcUrl(subprotocols().get(0));
    }

    @Override
    public String jdbcUrlInNetwork() {
        return jdbcUrlInNetwork(subprotocols().get(0));
    }

    @Override
    public String jdbcUrl(String subprotocol) {
        return url(subprotocol, host(), port());
    }

    @Override
    public String jdbcUrlInNetwork(String subprotocol) {
        return url(subprotocol, hostInNetwork(), portInNetwork());
    }

    @Override
    public String host() {
        return server.host();
    }

    @Override
    public int port() {
        return server.mappedPort(port);
    }

    @Override
    public String hostInNetwork() {
        return server.networkAlias();
    }

    @Override
    public int portInNetwork() {
        return port;
    }

    @Override
    public Optional<Service> service() {
        return Optional.of(server);
    }

    /** The JDBC subprotocols of the drivers that speak this server's protocol; the first is its own driver's. */
    private List<String> subprotocols() {
        return "postgres".equals(kind) ? List.of("postgresql") : List.of("mariadb", "mysql");
    }

    private String url(String subprotocol, String host, int onPort) {
        if (!subprotocols().contains(subprotocol)) {
            throw new IllegalArgumentException("A " + kind + " server speaks jdbc:" + String.join(": and jdbc:",
                    subprotocols()) + ":, not jdbc:" + subprotocol + ":; ask for one of " + subprotocols());
        }
        return "jdbc:" + subprotocol + "://" + host + ":" + onPort + "/" + databaseName;
    }

    @Override
    public String toString() {
        return "Database[" + kind + " " + databaseName + " on " + server.name() + "]";
    }
}
