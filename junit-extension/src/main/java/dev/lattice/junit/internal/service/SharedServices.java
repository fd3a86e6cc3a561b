package dev.lattice.junit.internal.service;

import dev.lattice.junit.internal.report.SessionRecorder;
import dev.lattice.engine.spi.OncePerKey;
import dev.lattice.junit.internal.pipeline.PipelineGraph;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceRuntime;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The handles every user of the same service shares in a run, each started once: catalog services by name and
 * type, services declared by factories once per distinct definition, Testcontainers fields once per field. A
 * factory's service that only planned matrix cells use stops after the last of them ({@link ServiceLifetimes}); any
 * other use keeps it until the end of the run. Thread-safe.
 */
final class SharedServices {

    private final Supplier<ServiceRuntime> runtime;
    private final CatalogHandles catalog;
    private final TestcontainersFields testcontainers;
    private final ServiceStops stops;
    private final ServiceFactories factories;
    private final ServiceLifetimes lifetimes;
    private final SessionRecorder recorder;
    private final OncePerKey<Object> catalogHandles = new OncePerKey<>();

    /**
     * @param runtime the run's service runtime
     * @param catalog gives catalog services
     * @param pipelines the run's pipelines, for factories that take an image or a definition
     * @param testcontainers the Testcontainers fields of the run
     * @param stops stops a factory's service after its last planned cell
     * @param recorder records when each service was asked for and ready, for the run report
     */
    SharedServices(Supplier<ServiceRuntime> runtime, CatalogHandles catalog, PipelineGraph pipelines,
                   TestcontainersFields testcontainers, ServiceStops stops, SessionRecorder recorder) {
        this.recorder = recorder;
        this.runtime = runtime;
        this.catalog = catalog;
        this.testcontainers = testcontainers;
        this.stops = stops;
        this.factories = new ServiceFactories(pipelines, this::kept);
        this.lifetimes = new ServiceLifetimes(stops::stop);
    }

    /** The factories of the run's services, as they are called. */
    ServiceFactories factories() {
        return factories;
    }

    /**
     * The handle every user of this name and type shares, started if needed.
     *
     * @param name a declared service or a catalog name
     * @param type what is asked for: Service, Database or Redis (or the field's Testcontainers type)
     * @throws ExtensionConfigurationException when the service cannot be given as that type
     */
    Object shared(String name, Class<?> type, ServiceScope scope) {
        long requested = System.currentTimeMillis();
        Object handle = start(name, type, scope);
        recorder.current().serviceReady(UsedServices.serviceOf(handle), requested);
        return handle;
    }

    private Object start(String name, Class<?> type, ServiceScope scope) {
        ServiceDeclaration declaration = scope.find(name).orElse(null);
        if (declaration != null && declaration.isFactory()) {
            if (!Service.class.equals(type)) {
                throw new ExtensionConfigurationException("Service \"" + name + "\" (" + declaration.where()
                        + ") is a Service, not a " + type.getSimpleName() + "; ask for it as a Service");
            }
            return runtime.get().start(factories.spec(declaration, scope));
        }
        if (declaration != null && declaration.isTestcontainers()) {
            return testcontainers.start((Field) declaration.source());
        }
        String catalogName = declaration != null ? declaration.catalogName() : name;
        String key = (declaration != null ? declaration.where() : catalogName) + "|" + type.getName();
        return catalogHandles.get(key, () -> catalog.handle(catalogName, type, databaseName(declaration, catalogName)));
    }

    /** A shared handle that stays until the end of the run, for a use outside the planned cells. */
    Object kept(String name, Class<?> type, ServiceScope scope) {
        Object handle = shared(name, type, scope);
        if (!scope.isFactory(name)) {
            return handle;
        }
        while (!lifetimes.keep((Service) handle)) {
            // It stopped after its last planned cell. Once the runtime has let it go, asking again starts a new one.
            stops.awaitStopped((Service) handle);
            handle = shared(name, type, scope);
        }
        return handle;
    }

    /** Records a matrix cell that will use a factory's service, before the service is known. */
    void planned(String cell) {
        lifetimes.planned(cell);
    }

    /** Whether a cell was planned and has not ended. */
    boolean isPlanned(String cell) {
        return lifetimes.isPlanned(cell);
    }

    /** A factory's service for a planned cell, which holds it until the cell {@link #ended ends}. */
    Service heldBy(String cell, String name, Class<?> type, ServiceScope scope) {
        Service service = (Service) shared(name, type, scope);
        lifetimes.known(cell, service);
        return service;
    }

    /** A planned cell ended, or its service could not be started: it holds nothing any more. */
    void ended(String cell) {
        lifetimes.ended(cell);
    }

    /** The shared database of a catalog field or name, named the same in every run. */
    private static String databaseName(ServiceDeclaration declaration, String catalogName) {
        String base = declaration != null
                ? declaration.source().getDeclaringClass().getSimpleName() + "_" + declaration.name()
                : "lattice_" + catalogName;
        return base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
