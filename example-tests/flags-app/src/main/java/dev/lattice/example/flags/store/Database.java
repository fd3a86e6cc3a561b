package dev.lattice.example.flags.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * One JDBC connection, used by one transaction at a time. Serialising all work keeps SQLite free of lock
 * errors and the store free of races between its existence checks and writes; the load here is small.
 */
public final class Database implements AutoCloseable {

    private static final int VALIDITY_TIMEOUT_SECONDS = 2;

    private final DbSettings settings;
    private Connection connection;

    private Database(DbSettings settings, Connection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /** Connects, retrying until the timeout because the database may still be starting. */
    public static Database connect(DbSettings settings, Duration timeout) {
        settings.dialect();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                return new Database(settings, open(settings));
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new StorageException("database not reachable within " + timeout + ": " + e.getMessage(), e);
                }
                System.err.println("waiting for database: " + e.getMessage());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    public DbSettings settings() {
        return settings;
    }

    public Dialect dialect() {
        return settings.dialect();
    }

    public synchronized <T> T inTransaction(SqlWork<T> work) {
        try {
            Connection c = liveConnection();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("database error: " + e.getMessage(), e);
        }
    }

    /** True when the database answers a trivial query. */
    public boolean isReachable() {
        try {
            return inTransaction(c -> {
                try (var statement = c.createStatement(); var rows = statement.executeQuery("SELECT 1")) {
                    return rows.next();
                }
            });
        } catch (StorageException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing on shutdown; nothing left to do
        }
    }

    private Connection liveConnection() throws SQLException {
        if (connection == null || !connection.isValid(VALIDITY_TIMEOUT_SECONDS)) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the old connection is broken anyway
                }
            }
            connection = open(settings);
        }
        return connection;
    }

    private static Connection open(DbSettings settings) throws SQLException {
        if (settings.user().isEmpty()) {
            return DriverManager.getConnection(settings.url());
        }
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the database", e);
        }
    }
}
