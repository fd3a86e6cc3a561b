package dev.lattice.service;

import dev.lattice.engine.Container;
import dev.lattice.engine.ExecOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The known services: PostgreSQL 15, MariaDB 10.11 and Redis 7, each buildable from the local
 * {@code debian:bookworm-slim} when no registry serves its image. Credentials: user {@code lattice}, password
 * {@code lattice}, database {@code lattice}; Redis has no password. The PostgreSQL and MariaDB recipes initialise
 * their data directory for these credentials when the image is built, so the catalog's servers start without
 * initialising one; a container started with other credentials initialises its own on first start. PostgreSQL keeps
 * its data directory in memory (a tmpfs, into which its entrypoint copies the cluster made at build time), as it runs
 * with durability off anyway: creating and dropping a database, which every per-cell database does, is file work.
 */
public final class ServiceCatalog {

    private static final String BASE = "debian:bookworm-slim";
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final String POSTGRES_TMPFS = "/var/lib/postgresql/tmpfs";
    private static final Map<String, CatalogService> ENTRIES = entries();

    private ServiceCatalog() {
    }

    /** PostgreSQL. */
    public static CatalogService postgres() {
        return ENTRIES.get("postgres");
    }

    /** MariaDB (MySQL protocol). */
    public static CatalogService mariadb() {
        return ENTRIES.get("mariadb");
    }

    /** Redis. */
    public static CatalogService redis() {
        return ENTRIES.get("redis");
    }

    /**
     * A catalog service by name.
     *
     * @param name {@code postgres}, {@code mariadb} or {@code redis}
     * @return the entry
     * @throws IllegalArgumentException for another name, listing the catalog's names
     */
    public static CatalogService named(String name) {
        CatalogService entry = ENTRIES.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("No service \"" + name + "\" in the catalog; the catalog has "
                    + String.join(", ", ENTRIES.keySet()));
        }
        return entry;
    }

    /** The catalog's names, in a stable order. */
    public static Set<String> names() {
        return ENTRIES.keySet();
    }

    private static Map<String, CatalogService> entries() {
        Map<String, String> credentials = CatalogService.CREDENTIALS;
        Map<String, CatalogService> entries = new LinkedHashMap<>();
        Map<String, String> postgresEnv = variables("POSTGRES_USER", credentials.get("user"),
                "POSTGRES_PASSWORD", credentials.get("password"), "POSTGRES_DB", credentials.get("database"));
        entries.put("postgres", new CatalogService("postgres", CatalogService.Kind.POSTGRES, 5432,
                "lattice/postgres:15",
                Container.from(BASE)
                        .withExec("apt-get", "update")
                        .withExec("apt-get", "install", "-y", "--no-install-recommends", "postgresql")
                        .withExec("sh", "-c", "rm -rf /var/lib/apt/lists/* && mkdir -p /var/lib/postgresql/data"
                                + " && chown -R postgres:postgres /var/lib/postgresql")
                        .withFile("/usr/local/bin/lattice-entrypoint", CatalogService.entrypoint("postgres-entrypoint.sh"))
                        .withEnv("PATH", "/usr/lib/postgresql/15/bin:" + PATH)
                        .withEnv("PGDATA", "/var/lib/postgresql/data")
                        .withUser("postgres")
                        .withExec(List.of("lattice-entrypoint", "init"), execEnv(postgresEnv))
                        .withEntrypoint("lattice-entrypoint")
                        .withDefaultArgs("postgres")
                        .withExposedPort(5432),
                // A start on the cluster initialised at build time prints the log line once; a start with other
                // credentials prints it first for a temporary server that listens on no TCP port. Either way,
                // pg_isready over TCP then says the server accepts connections.
                // The data directory is in memory: creating and dropping a database is file work that a disk makes
                // several times slower, and the data lives no longer than the run. The entrypoint copies the
                // build-time cluster there (an official image initialises one there).
                image -> withEnv(ServiceSpec.of(image).named("postgres"), postgresEnv)
                        .withTmpfs(POSTGRES_TMPFS)
                        .withEnv("PGDATA", POSTGRES_TMPFS + "/data")
                        .withExposedPort(5432)
                        .waitingFor(Ready.logLine("database system is ready to accept connections", 1))
                        .waitingFor(Ready.command("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"))));
        Map<String, String> mariadbEnv = variables("MARIADB_ROOT_PASSWORD", credentials.get("password"),
                "MARIADB_USER", credentials.get("user"), "MARIADB_PASSWORD", credentials.get("password"),
                "MARIADB_DATABASE", credentials.get("database"));
        entries.put("mariadb", new CatalogService("mariadb", CatalogService.Kind.MARIADB, 3306,
                "lattice/mariadb:10.11",
                Container.from(BASE)
                        .withExec("apt-get", "update")
                        .withExec("apt-get", "install", "-y", "--no-install-recommends", "mariadb-server")
                        .withExec("sh", "-c", "rm -rf /var/lib/apt/lists/* /var/lib/mysql/* && mkdir -p /run/mysqld"
                                + " && chown mysql:mysql /run/mysqld /var/lib/mysql")
                        .withFile("/usr/local/bin/lattice-entrypoint", CatalogService.entrypoint("mariadb-entrypoint.sh"))
                        .withExec(List.of("lattice-entrypoint", "init"), execEnv(mariadbEnv))
                        .withEntrypoint("lattice-entrypoint")
                        .withDefaultArgs("mariadbd")
                        .withExposedPort(3306),
                // The real server prints this line once it listens and takes connections; the temporary server of a
                // first start with other credentials listens on no port, and its line says "port: 0".
                image -> withEnv(ServiceSpec.of(image).named("mariadb"), mariadbEnv)
                        .withExposedPort(3306)
                        .waitingFor(Ready.logLine("port: 3306 ", 1))));
        entries.put("redis", new CatalogService("redis", CatalogService.Kind.REDIS, 6379,
                "lattice/redis:7",
                Container.from(BASE)
                        .withExec("apt-get", "update")
                        .withExec("apt-get", "install", "-y", "--no-install-recommends", "redis-server")
                        .withExec("sh", "-c", "rm -rf /var/lib/apt/lists/*")
                        .withFile("/usr/local/bin/lattice-entrypoint", CatalogService.entrypoint("redis-entrypoint.sh"))
                        .withUser("redis")
                        .withEntrypoint("lattice-entrypoint")
                        .withDefaultArgs("redis-server")
                        .withExposedPort(6379),
                image -> ServiceSpec.of(image).named("redis")
                        .withExposedPort(6379)
                        .waitingFor(Ready.logLine("Ready to accept connections", 1))));
        return Collections.unmodifiableMap(entries);
    }

    /** Variable names and values, in order. */
    private static Map<String, String> variables(String... namesAndValues) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(variables);
    }

    /**
     * Options of a recipe's {@code lattice-entrypoint init} step, which initialises the data directory at build
     * time with the variables the catalog starts the server with: a start with exactly those skips the
     * initialisation, a start with others initialises again. The variables are that step's only, never the image's.
     */
    private static ExecOptions execEnv(Map<String, String> env) {
        ExecOptions options = ExecOptions.defaults();
        for (Map.Entry<String, String> variable : env.entrySet()) {
            options = options.withEnv(variable.getKey(), variable.getValue());
        }
        return options;
    }

    private static ServiceSpec withEnv(ServiceSpec spec, Map<String, String> env) {
        ServiceSpec result = spec;
        for (Map.Entry<String, String> variable : env.entrySet()) {
            result = result.withEnv(variable.getKey(), variable.getValue());
        }
        return result;
    }
}
