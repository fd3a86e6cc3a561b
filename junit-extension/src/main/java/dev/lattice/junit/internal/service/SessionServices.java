package dev.lattice.junit.internal.service;

import dev.lattice.junit.internal.report.SessionRecorder;
import dev.lattice.engine.Engine;
import dev.lattice.junit.Cell;
import dev.lattice.junit.internal.pipeline.PipelineDeclarations;
import dev.lattice.junit.internal.pipeline.PipelineGraph;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * The services of one test run, as the extension asks for them: catalog servers, services declared by factories
 * and Testcontainers containers, each started once per distinct configuration, plus the per-cell databases on them.
 * A factory's service that only planned matrix cells use stops once the last of them ends; everything else stops
 * when the run ends. Thread-safe; closing it stops everything it started.
 */
public final class SessionServices implements AutoCloseable {

    private final RuntimeOnFirstUse runtime;
    private final ServiceStops stops;
    private final TestcontainersFields testcontainers = new TestcontainersFields();
    private final ServiceFields fields;
    private final ServiceParameters parameters;
    private final ServicePrestart prestart;

    /**
     * Creates the run's services; nothing starts until a class or cell asks.
     *
     * @param engine gives the run's engine, connecting on first use
     * @param pipelines the run's pipelines, for factories that take an image
     * @param recorder records when each service starts, is ready and stops, and which tests use it
     */
    public SessionServices(Supplier<Engine> engine, PipelineGraph pipelines, SessionRecorder recorder) {
        this.runtime = new RuntimeOnFirstUse(engine);
        this.stops = new ServiceStops(runtime, recorder);
        CatalogHandles catalog = new CatalogHandles(runtime);
        SharedServices shared = new SharedServices(runtime, catalog, pipelines, testcontainers, stops, recorder);
        this.fields = new ServiceFields(shared);
        this.parameters = new ServiceParameters(shared, new CellDatabases(catalog), recorder);
        this.prestart = new ServicePrestart(shared);
    }

    /**
     * Injects the static {@code @ServiceContainer} fields of a test class, starting what they need.
     *
     * @param context the class's context
     * @param pipelineDeclarations the pipelines the class sees
     * @param declarations the services the class sees
     */
    public void injectStaticFields(ExtensionContext context, PipelineDeclarations pipelineDeclarations,
                                   ServiceDeclarations declarations) {
        fields.inject(new ServiceScope(null, pipelineDeclarations, declarations, context, true));
    }

    /**
     * Resolves a {@code @ServiceContainer} parameter of a test or lifecycle method.
     *
     * @param parameter the parameter
     * @param context the invocation's context, which owns its fresh databases
     * @param cell the invocation's cell; {@code null} outside a matrix
     * @param pipelineDeclarations the pipelines the class sees
     * @param declarations the services the class sees
     * @return the handle: a Service, Database or Redis as the parameter asks
     */
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context, Cell cell,
                                   PipelineDeclarations pipelineDeclarations, ServiceDeclarations declarations) {
        return parameters.resolve(parameter, new ServiceScope(cell, pipelineDeclarations, declarations, context, true));
    }

    /**
     * Starts, ahead of the first cell and concurrently, the services the given cells of a matrix method need.
     * Failures to start are not reported here: the cell that needs the service reports them.
     *
     * @param context the test template's context
     * @param method the matrix test method
     * @param cells the cells that will run
     * @param pipelineDeclarations the pipelines the class sees
     * @param declarations the services the class sees
     * @throws ExtensionConfigurationException when a factory that takes at most the cell gives null or throws for
     *     one of the cells, before any of the matrix's services starts
     */
    public void prepare(ExtensionContext context, Method method, List<Cell> cells,
                        PipelineDeclarations pipelineDeclarations, ServiceDeclarations declarations) {
        prestart.prepare(method, cells.stream()
                .map(cell -> new ServiceScope(cell, pipelineDeclarations, declarations, context, false)).toList());
    }

    /**
     * The last log lines of every service a failed invocation used, to attach to its failure.
     *
     * @param context the failed invocation's context
     * @return one text per service that has a container; empty when it used none
     */
    public List<String> logsOfServicesUsed(ExtensionContext context) {
        return UsedServices.logs(context);
    }

    @Override
    public void close() {
        prestart.close();
        stops.close();
        testcontainers.stopAll();
        // A service still stopping after its last cell is removed along with the rest; the network goes once it is.
        runtime.close();
    }
}
