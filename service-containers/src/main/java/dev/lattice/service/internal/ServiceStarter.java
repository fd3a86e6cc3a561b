package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.Engine;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.spi.ContainerCleanup;
import dev.lattice.engine.spi.OncePerKey;
import dev.lattice.service.CatalogService;
import dev.lattice.service.DatabaseServer;
import dev.lattice.service.Redis;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the services of one run and remembers them: one container per distinct definition (a dedicated one
 * for a fresh definition), one server per catalog entry. Thread-safe; {@link #stopAll()} removes everything.
 */
public final class ServiceStarter {

    private final DockerClient docker;
    private final ImageResolver images;
    private final ServiceNetwork network;
    private final ContainerLauncher launcher;
    private final OncePerKey<Object> started = new OncePerKey<>();
    private final Set<String> fromDefinitions = ConcurrentHashMap.newKeySet();
    private final List<String> containers = new ArrayList<>();
    private final List<JdbcDatabaseServer> servers = new ArrayList<>();
    private final AtomicInteger redisDatabases = new AtomicInteger();

    /**
     * Creates a starter for a run.
     *
     * @param engine the run's engine: its Docker engine runs the services (their ports are reached at its host), its
     *               labels go on them, and it builds recipe images
     */
    public ServiceStarter(Engine engine) {
        this.docker = engine.dockerClient();
        RunLabels labels = engine.runLabels();
        this.images = new ImageResolver(docker, engine);
        this.network = new ServiceNetwork(docker, labels);
        this.launcher = new ContainerLauncher(docker, labels, engine.dockerEndpoint().publishedPortHost());
    }

    /** Starts a definition's container, or finds the one already started for an equal definition. */
    public Service start(ServiceSpec spec) {
        network.createInBackground();
        if (spec.isFresh()) {
            return launchDefinition(spec);
        }
        return (Service) started.get("spec|" + spec.definitionDigest(), () -> launchDefinition(spec));
    }

    private Service launchDefinition(ServiceSpec spec) {
        RunningService service = launch(spec, images.resolve(spec.image()));
        fromDefinitions.add(service.containerId());
        return service;
    }

    /** The catalog entry's container, started once. */
    public Service startCatalog(CatalogService entry) {
        network.createInBackground();
        return (Service) started.get("catalog|" + entry.name(), () -> {
            String image = images.resolve(entry);
            return launch(entry.spec(), image);
        });
    }

    /** The catalog entry's database server, started once. */
    public DatabaseServer startDatabase(CatalogService entry) {
        if (entry.kind() == CatalogService.Kind.REDIS) {
            throw new IllegalArgumentException("\"" + entry.name() + "\" is not a database server; ask for Redis");
        }
        return (DatabaseServer) started.get("server|" + entry.name(), () -> {
            Service service = startCatalog(entry);
            String database = entry.spec().env().getOrDefault("POSTGRES_DB",
                    entry.spec().env().getOrDefault("MARIADB_DATABASE", ""));
            JdbcDatabaseServer server = new JdbcDatabaseServer(entry, service,
                    CatalogService.credentials().get("user"), CatalogService.credentials().get("password"), database);
            synchronized (servers) {
                servers.add(server);
            }
            return server;
        });
    }

    /** A logical database of its own on the catalog entry's Redis server, started once. */
    public Redis startRedis(CatalogService entry) {
        if (entry.kind() != CatalogService.Kind.REDIS) {
            throw new IllegalArgumentException("\"" + entry.name() + "\" is not Redis; ask for a Database");
        }
        Service service = startCatalog(entry);
        return new RedisHandle(service, entry.spec().env().getOrDefault("REDIS_PASSWORD", ""),
                redisDatabases.getAndIncrement() % 16);
    }

    /** Makes sure a catalog entry's image exists locally, without starting it. */
    public String prepareImage(CatalogService entry) {
        return images.resolve(entry);
    }

    /** The run's network, created on first use. */
    public String networkName() {
        return network.name();
    }

    /**
     * Removes the container of a service started from a definition, before the run ends; the next start of an equal
     * definition starts a new container.
     */
    public void stop(Service service) {
        if (!(service instanceof RunningService running) || !fromDefinitions.remove(running.containerId())) {
            throw new IllegalArgumentException(service + " was not started from a ServiceSpec by this run, or is"
                    + " stopped already; catalog services stop with the run");
        }
        started.forget("spec|" + running.definitionDigest(), running);
        // Listed until it is gone: a stopAll() meanwhile removes it too, which waits for a removal under way.
        ContainerCleanup.removeContainers(docker, List.of(running.containerId()));
        synchronized (containers) {
            containers.remove(running.containerId());
        }
    }

    /**
     * Removes every container and the network this starter created. The database servers drop nothing first: their
     * databases go with their containers. A failure does not stop the rest: the first one is thrown at the end, with
     * later ones suppressed.
     */
    public void stopAll() {
        synchronized (servers) {
            servers.forEach(JdbcDatabaseServer::abandon);
        }
        List<String> ids;
        synchronized (containers) {
            ids = List.copyOf(containers);
            containers.clear();
        }
        RuntimeException first = null;
        try {
            ContainerCleanup.removeContainers(docker, ids);
        } catch (RuntimeException failed) {
            first = failed;
        }
        try {
            // Even when a container removal failed: the network was made by this run and goes with it.
            network.remove();
        } catch (RuntimeException failed) {
            if (first == null) {
                first = failed;
            } else {
                first.addSuppressed(failed);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private RunningService launch(ServiceSpec spec, String image) {
        RunningService service = launcher.launch(spec, image, network.name());
        synchronized (containers) {
            containers.add(service.containerId());
        }
        return service;
    }
}
