package dev.lattice.junit.internal.service;

import dev.lattice.service.Database;
import dev.lattice.service.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Databases that need no container, such as SQLite: a matrix axis may name one next to server databases
 * ({@code db = sqlite | postgres | mariadb}), and the test gets a {@link Database} all the same.
 */
final class EmbeddedDatabases {

    /** The names that mean an embedded database. */
    static final Set<String> NAMES = Set.of("sqlite");

    private EmbeddedDatabases() {
    }

    /**
     * A fresh SQLite database: a new file for the test JVM, and a file path of the same name for a container.
     *
     * @param name the database's name, used in its file names
     * @return the database; its file is deleted when the JVM exits
     */
    static Database sqlite(String name) {
        try {
            Path file = Files.createTempFile("lattice-" + name + "-", ".db");
            file.toFile().deleteOnExit();
            return new Sqlite(name, file);
        } catch (IOException failed) {
            throw new UncheckedIOException("Could not create a SQLite file for database " + name, failed);
        }
    }

    private record Sqlite(String databaseName, Path file) implements Database {

        @Override
        public String kind() {
            return "sqlite";
        }

        @Override
        public String jdbcUrl() {
            return "jdbc:sqlite:" + file;
        }

        @Override
        public String jdbcUrlInNetwork() {
            return "jdbc:sqlite:/tmp/" + databaseName + ".db";
        }

        @Override
        public String username() {
            return "";
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public Optional<Service> service() {
            return Optional.empty();
        }
    }
}
