package dev.lattice.service;

import dev.lattice.engine.Container;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The known services: PostgreSQL 15, MariaDB 10.11 and Redis 7, each buildable from the local
 * {@code debian:bookworm-slim} when no registry serves its image. Credentials: user {@code lattice}, password
 * {@code lattice}, database {@code lattice}; Redis has no password.
 */
public final class ServiceCatalog {

    private static final String BASE = "debian:bookworm-slim";
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
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
                        .withEntrypoint("lattice-entrypoint")
                        .withDefaultArgs("postgres")
                        .withExposedPort(5432),
                image -> ServiceSpec.of(image).named("postgres")
                        .withEnv("POSTGRES_USER", credentials.get("user"))
                        .withEnv("POSTGRES_PASSWORD", credentials.get("password"))
                        .withEnv("POSTGRES_DB", credentials.get("database"))
                        .withExposedPort(5432)
                        .waitingFor(Ready.logLine("database system is ready to accept connections", 2))
                        .waitingFor(Ready.command("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"))));
        entries.put("mariadb", new CatalogService("mariadb", CatalogService.Kind.MARIADB, 3306,
                "lattice/mariadb:10.11",
                Container.from(BASE)
                        .withExec("apt-get", "update")
                        .withExec("apt-get", "install", "-y", "--no-install-recommends", "mariadb-server")
                        .withExec("sh", "-c", "rm -rf /var/lib/apt/lists/* /var/lib/mysql/* && mkdir -p /run/mysqld"
                                + " && chown mysql:mysql /run/mysqld /var/lib/mysql")
                        .withFile("/usr/local/bin/lattice-entrypoint", CatalogService.entrypoint("mariadb-entrypoint.sh"))
                        .withEntrypoint("lattice-entrypoint")
                        .withDefaultArgs("mariadbd")
                        .withExposedPort(3306),
                image -> ServiceSpec.of(image).named("mariadb")
                        .withEnv("MARIADB_ROOT_PASSWORD", credentials.get("password"))
                        .withEnv("MARIADB_USER", credentials.get("user"))
                        .withEnv("MARIADB_PASSWORD", credentials.get("password"))
                        .withEnv("MARIADB_DATABASE", credentials.get("database"))
                        .withExposedPort(3306)
                        .waitingFor(Ready.port(3306))));
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
}
