package dev.lattice.example.flags.store;

/** The databases the store runs on, told apart by their JDBC URL. */
public enum Dialect {
    SQLITE("jdbc:sqlite:", ""),
    POSTGRESQL("jdbc:postgresql:", ""),
    // MariaDB compares text case-insensitively by default; keys must be case-sensitive as on the others.
    MARIADB("jdbc:mariadb:", " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");

    private final String urlPrefix;
    private final String tableOptions;

    Dialect(String urlPrefix, String tableOptions) {
        this.urlPrefix = urlPrefix;
        this.tableOptions = tableOptions;
    }

    /** Appended to every CREATE TABLE. */
    public String tableOptions() {
        return tableOptions;
    }

    public static Dialect of(String jdbcUrl) {
        for (Dialect dialect : values()) {
            if (jdbcUrl.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException(
                "unsupported JDBC URL (want jdbc:sqlite:, jdbc:postgresql: or jdbc:mariadb:): " + jdbcUrl);
    }
}
