package dev.lattice.example.flags;

import dev.lattice.example.flags.store.Database;
import dev.lattice.example.flags.store.DbSettings;
import dev.lattice.example.flags.store.FlagStore;
import dev.lattice.example.flags.store.Schema;
import dev.lattice.example.flags.store.Tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * The database the tests run against: FLAGS_TEST_DB_URL (+ _USER, _PASSWORD), or a temporary SQLite file.
 * Every instance uses tables of its own, so runs never see each other's rows on a shared database.
 */
public final class TestDatabase implements AutoCloseable {

    private final Database database;
    private final FlagStore store;

    private TestDatabase(Database database) {
        this.database = database;
        this.store = FlagStore.open(database);
    }

    public static TestDatabase open() {
        String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
        DbSettings settings = new DbSettings(url(), System.getenv("FLAGS_TEST_DB_USER"),
                System.getenv("FLAGS_TEST_DB_PASSWORD"), prefix);
        return new TestDatabase(Database.connect(settings, Duration.ofSeconds(30)));
    }

    public FlagStore store() {
        return store;
    }

    public Database database() {
        return database;
    }

    /** A namespace key no other test (or earlier run) has used. */
    public static String uniqueKey(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        new Schema(database, Tables.withPrefix(database.settings().tablePrefix())).drop();
        database.close();
    }

    private static String url() {
        String url = System.getenv("FLAGS_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        try {
            Path file = Files.createTempFile("flags-test-", ".db");
            file.toFile().deleteOnExit();
            return "jdbc:sqlite:" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
