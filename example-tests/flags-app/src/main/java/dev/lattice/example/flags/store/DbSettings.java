package dev.lattice.example.flags.store;

/** Where the database is; tablePrefix lets several stores share one database without seeing each other. */
public record DbSettings(String url, String user, String password, String tablePrefix) {

    public DbSettings {
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        tablePrefix = tablePrefix == null ? "" : tablePrefix;
        if (!tablePrefix.matches("[a-z0-9_]*")) {
            throw new IllegalArgumentException("table prefix may hold only a-z, 0-9 and '_': " + tablePrefix);
        }
    }

    public Dialect dialect() {
        return Dialect.of(url);
    }
}
