package dev.lattice.junit.internal.service;

import dev.lattice.service.Database;
import dev.lattice.service.DatabaseServer;
import dev.lattice.service.Redis;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceCatalog;
import dev.lattice.service.ServiceRuntime;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Catalog services as the handle a field or parameter asks for: a {@link Database} on the catalog's server, its
 * {@link Redis}, or the plain {@link Service}; an embedded database needs no container. The runtime starts each
 * catalog server once per run.
 */
final class CatalogHandles {

    private final Supplier<ServiceRuntime> runtime;

    /**
     * @param runtime the run's service runtime, created on first use
     */
    CatalogHandles(Supplier<ServiceRuntime> runtime) {
        this.runtime = runtime;
    }

    /**
     * A handle on a catalog service, starting its server if needed.
     *
     * @param catalogName the catalog's name of the service ({@code "postgres"}) or an embedded database's
     * @param type what is asked for: Database, Redis or Service
     * @param databaseName the database to create when a Database is asked for
     * @throws ExtensionConfigurationException when the service cannot be given as that type
     */
    Object handle(String catalogName, Class<?> type, String databaseName) {
        if (EmbeddedDatabases.NAMES.contains(catalogName)) {
            return EmbeddedDatabases.sqlite(databaseName);
        }
        if (Redis.class.equals(type)) {
            return runtime.get().startRedis(ServiceCatalog.named(catalogName));
        }
        if (Service.class.equals(type)) {
            return runtime.get().startService(ServiceCatalog.named(catalogName));
        }
        if (Database.class.equals(type)) {
            return server(catalogName).newDatabase(databaseName);
        }
        throw new ExtensionConfigurationException("Service \"" + catalogName + "\" cannot be given as a "
                + type.getSimpleName() + "; ask for a Database, Redis or Service");
    }

    /** The catalog's database server of that name, started once per run. */
    DatabaseServer server(String catalogName) {
        return runtime.get().startDatabase(ServiceCatalog.named(catalogName));
    }
}
