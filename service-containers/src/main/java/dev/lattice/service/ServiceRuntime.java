package dev.lattice.service;

import dev.lattice.engine.Engine;
import dev.lattice.service.internal.ServiceStarter;

import java.util.function.Supplier;

/**
 * The services of one test run: their network and every container. Equal definitions share one container
 * (unless {@link ServiceSpec#fresh()}); each catalog server starts once. Thread-safe. Closing it removes every
 * container and the network it created. Services run on the engine's Docker engine, through its client; when that
 * engine stops answering, calls fail with {@link dev.lattice.engine.EngineUnavailableException} naming it.
 */
public final class ServiceRuntime implements AutoCloseable {

    private final Engine engine;
    private final ServiceStarter starter;

    private ServiceRuntime(Engine engine, ServiceStarter starter) {
        this.engine = engine;
        this.starter = starter;
    }

    /**
     * Creates the services of a run.
     *
     * @param engine the run's engine: services run on its Docker engine (their published ports are reached at its
     *               {@link Engine#dockerEndpoint() host}), its labels go on every container, and it builds recipe images
     * @return the runtime; nothing is started yet
     */
    public static ServiceRuntime create(Engine engine) {
        return new ServiceRuntime(engine, new ServiceStarter(engine));
    }

    /**
     * Starts a service, or returns the one already running for an equal definition.
     *
     * @param spec the definition
     * @return the running service, ready
     * @throws ServiceStartException if it does not start or become ready
     * @throws dev.lattice.engine.ImageNotFoundException if its image is not local and cannot be pulled
     */
    public Service start(ServiceSpec spec) {
        return guarded(() -> starter.start(spec));
    }

    /**
     * Stops a service that {@link #start(ServiceSpec)} started, before the run ends: its container is removed, and
     * the next start of an equal definition starts a new one.
     *
     * @param service the running service
     * @throws IllegalArgumentException if this runtime did not start it
     */
    public void stop(Service service) {
        guarded(() -> {
            starter.stop(service);
            return null;
        });
    }

    /**
     * Starts a catalog service as a plain service, once per run.
     *
     * @param entry the catalog entry
     * @return the running service
     */
    public Service startService(CatalogService entry) {
        return guarded(() -> starter.startCatalog(entry));
    }

    /**
     * Starts a catalog database server, once per run.
     *
     * @param entry {@link ServiceCatalog#postgres()} or {@link ServiceCatalog#mariadb()}
     * @return the server, on which databases can be made
     */
    public DatabaseServer startDatabase(CatalogService entry) {
        return guarded(() -> starter.startDatabase(entry));
    }

    /**
     * Starts the catalog's Redis server, once per run, and gives a logical database of its own.
     *
     * @param entry {@link ServiceCatalog#redis()}
     * @return the handle; each call selects another logical database (16, then they are shared)
     */
    public Redis startRedis(CatalogService entry) {
        return guarded(() -> starter.startRedis(entry));
    }

    /**
     * Makes sure a catalog service's image exists locally (built from its recipe, found or pulled, as its source
     * says), without starting it: for Testcontainers' own modules, e.g.
     * {@code new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))}.
     *
     * @param entry the catalog entry
     * @return the local image reference
     */
    public String prepareImage(CatalogService entry) {
        return guarded(() -> starter.prepareImage(entry));
    }

    /** The run's network, which every service joins; created on first use. */
    public String networkName() {
        return guarded(() -> starter.networkName());
    }

    @Override
    public void close() {
        guarded(() -> {
            starter.stopAll();
            return null;
        });
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException failed) {
            throw engine.explainFailure(failed);
        }
    }
}
