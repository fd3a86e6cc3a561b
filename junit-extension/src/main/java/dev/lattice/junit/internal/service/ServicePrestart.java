package dev.lattice.junit.internal.service;

import dev.lattice.engine.spi.DaemonThreads;
import dev.lattice.junit.Cell;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.service.Database;
import dev.lattice.service.Service;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Starts, ahead of a matrix's first cell and concurrently, the services its cells will ask for, and plans which
 * cells hold each factory's service. Failures are not reported here: the cell that needs the service reports them.
 */
final class ServicePrestart implements AutoCloseable {

    /**
     * A start mostly waits (image, container start, readiness checks), so the pool is sized for how many containers
     * an engine usefully starts at once, not for the CPU: more would only slow the engine down, while the bound
     * keeps a large matrix from making a thread per cell. Further starts queue; they never wait for one another,
     * and stops have threads of their own.
     */
    private static final int CONCURRENT_STARTS = 8;

    private final SharedServices shared;
    private final ExecutorService starter;

    ServicePrestart(SharedServices shared) {
        this.shared = shared;
        this.starter = DaemonThreads.pool("lattice-service-start", CONCURRENT_STARTS);
    }

    /**
     * Starts what the cells' {@code @ServiceContainer} parameters need, after calling each factory that needs nothing
     * started for every cell.
     *
     * @param method the matrix test method
     * @param scopes one scope per cell that will run
     * @throws ExtensionConfigurationException when such a factory gives null or throws for a cell
     */
    void prepare(Method method, List<ServiceScope> scopes) {
        Parameter[] parameters = method.getParameters();
        for (Parameter parameter : parameters) {
            if (parameter.isAnnotationPresent(ServiceContainer.class) && !Database.class.equals(parameter.getType())) {
                shared.factories().callEarly(parameter, scopes);
            }
        }
        for (int index = 0; index < parameters.length; index++) {
            ServiceContainer annotation = parameters[index].getAnnotation(ServiceContainer.class);
            if (annotation != null) {
                for (ServiceScope scope : scopes) {
                    start(method, index, annotation, scope);
                }
            }
        }
    }

    private void start(Method method, int index, ServiceContainer annotation, ServiceScope scope) {
        Parameter parameter = method.getParameters()[index];
        String name = scope.nameOf(annotation, "parameter " + parameter.getName());
        boolean database = Database.class.equals(parameter.getType());
        // A Database parameter gets a database of its own on the shared server: start the server.
        Class<?> type = database ? Service.class : parameter.getType();
        if (database || !scope.isFactory(name)) {
            CompletableFuture.runAsync(() -> shared.shared(name, type, scope), starter);
            return;
        }
        Cell cell = scope.cell();
        String planned = ServiceLifetimes.cellKey(scope.context().getRequiredTestClass(), method, index, cell);
        shared.planned(planned);
        CompletableFuture.runAsync(() -> {
            try {
                shared.heldBy(planned, name, type, scope);
            } catch (RuntimeException reportedByTheCell) {
                shared.ended(planned);
            }
        }, starter);
    }

    @Override
    public void close() {
        starter.shutdownNow();
    }
}
