package dev.lattice.service.internal;

import dev.lattice.service.CatalogService;
import dev.lattice.service.Database;
import dev.lattice.service.DatabaseServer;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * A database server on which each cell gets a fresh database. Admin connections from the test JVM create and drop
 * them, which takes milliseconds instead of a container exec: a few connections, opened as concurrent cells need
 * them, so cells that start together do not queue behind one connection. Dropping happens in the background, and on
 * PostgreSQL, where creating a database costs far more than renaming one, a few are created ahead of need
 * ({@link DatabaseStock}).
 */
final class JdbcDatabaseServer implements DatabaseServer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDatabaseServer.class);

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /**
     * The stock's background statements take up to half of these, so that a cell's own statement (a rename, or a
     * create when the stock is empty) never queues behind them.
     */
    private static final int ADMIN_CONNECTIONS = 2 * DatabaseStock.WORKERS;
    /** PostgreSQL databases kept ready: about as many as cells that ask at once. */
    private static final int STOCK = 8;
    /** How long {@link #close()} waits for the last drops. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final CatalogService.Kind kind;
    private final Service service;
    private final int port;
    private final String user;
    private final String password;
    private final String adminUrl;
    private final String adminUser;
    private final Semaphore admins = new Semaphore(ADMIN_CONNECTIONS);
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final List<Connection> opened = new ArrayList<>();
    private final DatabaseStock stock;

    JdbcDatabaseServer(CatalogService entry, Service service, String user, String password, String adminDatabase) {
        this(entry, service, user, password, adminDatabase, CLOSE_WAIT);
    }

    /** A server whose {@link #close()} waits at most {@code closeWait} for its last drops. */
    JdbcDatabaseServer(CatalogService entry, Service service, String user, String password, String adminDatabase,
                       Duration closeWait) {
        this.kind = entry.kind();
        this.service = service;
        this.port = entry.port();
        this.user = user;
        this.password = password;
        this.adminUser = kind == CatalogService.Kind.MARIADB ? "root" : user;
        String url = new ServerDatabase(kindName(), adminDatabase, user, password, service, port).jdbcUrl();
        // MariaDB creates a cell's database and grants it to the user in one round trip.
        this.adminUrl = kind == CatalogService.Kind.MARIADB ? url + "?allowMultiQueries=true" : url;
        try {
            idle.add(open());
        } catch (SQLException failed) {
            throw new ServiceStartException("Service \"" + service.name() + "\" is up, but its admin connection"
                    + " failed: " + failed.getMessage(), failed);
        }
        this.stock = new DatabaseStock(service.name(), new DatabaseStock.Statements() {
            @Override
            public void create(String name) {
                if (kind == CatalogService.Kind.POSTGRES) {
                    // Copying the template's files leaves no dirty pages for the checkpoints of drops meanwhile to
                    // write out; the default (WAL_LOG) copies through shared buffers, and each drop's checkpoint then
                    // writes them all.
                    run("CREATE DATABASE \"" + name + "\" OWNER \"" + user + "\" STRATEGY FILE_COPY");
                } else {
                    run("CREATE DATABASE `" + name + "`; GRANT ALL ON `" + name + "`.* TO '" + user + "'@'%'");
                }
            }

            @Override
            public void rename(String from, String to) {
                run("ALTER DATABASE \"" + from + "\" RENAME TO \"" + to + "\"");
            }

            @Override
            public void drop(String name) {
                run(kind == CatalogService.Kind.POSTGRES ? "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)"
                        : "DROP DATABASE IF EXISTS `" + name + "`");
            }
        }, kind == CatalogService.Kind.POSTGRES ? STOCK : 0, closeWait);
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(adminUrl, adminUser, password);
        synchronized (opened) {
            opened.add(connection);
        }
        return connection;
    }

    @Override
    public Service service() {
        return service;
    }

    @Override
    public Database newDatabase(String name) {
        check(name);
        stock.take(name);
        return new ServerDatabase(kindName(), name, user, password, service, port);
    }

    /** Drops the database in the background; a {@link #newDatabase} of the same name waits for it. */
    @Override
    public void dropDatabase(Database database) {
        String name = database.databaseName();
        check(name);
        stock.drop(name);
    }

    /** Drops the databases still stocked or waiting to be dropped, then closes the admin connections. */
    @Override
    public void close() {
        stock.close();
        closeConnections();
    }

    /**
     * Stops the background work and closes the admin connections, dropping nothing: for the end of a run, when the
     * server's container, and its databases with it, is removed next.
     */
    void abandon() {
        stock.abandon();
        closeConnections();
    }

    private void closeConnections() {
        List<Connection> connections;
        synchronized (opened) {
            connections = List.copyOf(opened);
        }
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException closing) {
                // the server is being removed anyway
                LOG.debug("Closing an admin connection of {} failed", kindName(), closing);
            }
        }
    }

    private String kindName() {
        return kind == CatalogService.Kind.POSTGRES ? "postgres" : "mariadb";
    }

    private void run(String sql) {
        admins.acquireUninterruptibly();
        Connection connection = idle.poll();
        try {
            if (connection == null) {
                connection = open();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("On service \"" + service.name() + "\": " + sql + " failed: "
                    + failed.getMessage(), failed);
        } finally {
            if (connection != null) {
                idle.add(connection);
            }
            admins.release();
        }
    }

    private static void check(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name \"" + name + "\" is not a plain identifier; use"
                    + " letters, digits and underscores, starting with a letter, at most 63 characters");
        }
    }
}
