package dev.lattice.example.flags;

import dev.lattice.example.flags.store.DbSettings;

import java.util.Map;

/** The service's settings, read from the environment. */
public record AppConfig(DbSettings db, String authToken, int httpPort, int grpcPort) {

    public static final String DEFAULT_DB_URL = "jdbc:sqlite:/tmp/flags.db";

    public static AppConfig fromEnv(Map<String, String> env) {
        DbSettings db = new DbSettings(env.getOrDefault("FLAGS_DB_URL", DEFAULT_DB_URL),
                env.get("FLAGS_DB_USER"), env.get("FLAGS_DB_PASSWORD"), env.get("FLAGS_DB_TABLE_PREFIX"));
        return new AppConfig(db, env.getOrDefault("FLAGS_AUTH_TOKEN", ""),
                port(env, "FLAGS_HTTP_PORT", 8080), port(env, "FLAGS_GRPC_PORT", 9000));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a port number: " + value);
        }
    }
}
