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
import java.util.regex.Pattern;

/**
 * A database server on which each cell gets a fresh database. One admin connection from the test JVM creates and
 * drops them, which takes milliseconds instead of a container exec.
 */
final class JdbcDatabaseServer implements DatabaseServer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDatabaseServer.class);

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final CatalogService.Kind kind;
    private final Service service;
    private final int port;
    private final String user;
    private final String password;
    private final Connection admin;

    JdbcDatabaseServer(CatalogService entry, Service service, String user, String password, String adminDatabase) {
        this.kind = entry.kind();
        this.service = service;
        this.port = entry.port();
        this.user = user;
        this.password = password;
        try {
            String adminUser = kind == CatalogService.Kind.MARIADB ? "root" : user;
            this.admin = DriverManager.getConnection(
                    new ServerDatabase(kindName(), adminDatabase, user, password, service, port).jdbcUrl(),
                    adminUser, password);
        } catch (SQLException failed) {
            throw new ServiceStartException("Service \"" + service.name() + "\" is up, but its admin connection"
                    + " failed: " + failed.getMessage(), failed);
        }
    }

    @Override
    public Service service() {
        return service;
    }

    @Override
    public Database newDatabase(String name) {
        check(name);
        if (kind == CatalogService.Kind.POSTGRES) {
            run("CREATE DATABASE \"" + name + "\" OWNER \"" + user + "\"");
        } else {
            run("CREATE DATABASE `" + name + "`");
            run("GRANT ALL ON `" + name + "`.* TO '" + user + "'@'%'");
        }
        return new ServerDatabase(kindName(), name, user, password, service, port);
    }

    @Override
    public void dropDatabase(Database database) {
        String name = database.databaseName();
        check(name);
        run(kind == CatalogService.Kind.POSTGRES ? "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)"
                : "DROP DATABASE IF EXISTS `" + name + "`");
    }

    @Override
    public void close() {
        try {
            admin.close();
        } catch (SQLException closing) {
            // the server is being removed anyway
            LOG.debug("Closing the admin connection of {} failed", kindName(), closing);
        }
    }

    private String kindName() {
        return kind == CatalogService.Kind.POSTGRES ? "postgres" : "mariadb";
    }

    private synchronized void run(String sql) {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failed) {
            throw new IllegalStateException("On service \"" + service.name() + "\": " + sql + " failed: "
                    + failed.getMessage(), failed);
        }
    }

    private static void check(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name \"" + name + "\" is not a plain identifier; use"
                    + " letters, digits and underscores, starting with a letter, at most 63 characters");
        }
    }
}
