package dev.lattice.junit;

import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Image;
import dev.lattice.junit.internal.ConfigurationProblems;
import dev.lattice.junit.internal.pipeline.PipelineDeclaration;
import dev.lattice.junit.internal.pipeline.PipelineDeclarations;
import dev.lattice.junit.internal.pipeline.PipelineDefinitionCheck;
import dev.lattice.junit.internal.service.ServiceDeclarations;
import dev.lattice.junit.internal.session.LatticeSession;
import dev.lattice.junit.internal.settings.RunSettingsCheck;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Pipelines and services for a test class: checks their declarations before anything starts, starts building
 * the class's pipelines at once (concurrently, shared with every other class of the run), injects static
 * {@link ServiceContainer} fields, resolves {@link PipelineContainer} and {@link ServiceContainer} parameters
 * (and the run's {@link Engine}), and attaches the logs of the services a failed test used to its failure.
 */
final class LatticeExtension implements BeforeAllCallback, ParameterResolver, TestExecutionExceptionHandler {

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        PipelineDeclarations pipelines = PipelineDeclarations.of(testClass);
        ServiceDeclarations services = ServiceDeclarations.of(testClass);
        ConfigurationProblems problems = ConfigurationProblems.ofClass(testClass);
        List<String> settings = RunSettingsCheck.problems(context);
        pipelines.check(problems);
        if (!problems.any() && settings.isEmpty()) {
            // Declaring the graph starts nothing, so a pipeline method that throws is found before any container.
            PipelineDefinitionCheck.run(pipelines, LatticeSession.of(context).pipelines(), problems);
        }
        services.check(pipelines, problems);
        if (problems.any()) {
            // The run's settings' problems with the class's, all at once; alone, the session says them as the run's.
            settings.forEach(problems::add);
            problems.throwIfAny();
        }
        LatticeSession session = LatticeSession.of(context);
        session.recorder().pipelines(pipelines.all());
        // Start the pipelines now, so independent ones build concurrently while services start.
        session.pipelines().buildEnds(pipelines);
        session.services().injectStaticFields(context, pipelines, services);
    }

    /**
     * Starts the services that the selected cells of a matrix method need, concurrently, before the first cell.
     *
     * @param context the test template's context
     * @param cells the cells that will run
     */
    static void prepare(ExtensionContext context, List<Cell> cells) {
        Method method = context.getRequiredTestMethod();
        boolean needsServices = List.of(method.getParameters()).stream()
                .anyMatch(parameter -> parameter.isAnnotationPresent(ServiceContainer.class));
        if (needsServices && !cells.isEmpty()) {
            Class<?> testClass = context.getRequiredTestClass();
            LatticeSession.of(context).services().prepare(context, method, cells,
                    PipelineDeclarations.of(testClass), ServiceDeclarations.of(testClass));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(PipelineContainer.class) || parameter.isAnnotated(ServiceContainer.class)
                || Engine.class.equals(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        LatticeSession session = LatticeSession.of(context);
        PipelineDeclarations pipelines = PipelineDeclarations.of(testClass);
        if (parameter.isAnnotated(PipelineContainer.class)) {
            String name = parameter.findAnnotation(PipelineContainer.class).orElseThrow().value();
            PipelineDeclaration pipeline = pipelines.find(name).orElseThrow(() -> new ExtensionConfigurationException(
                    pipelines.unknown(name, "parameter " + parameter.getParameter().getName())));
            Class<?> type = parameter.getParameter().getType();
            if (Image.class.equals(type)) {
                return session.pipelines().image(pipelines, pipeline);
            }
            if (Container.class.equals(type)) {
                return session.pipelines().definition(pipelines, pipeline);
            }
            throw new ExtensionConfigurationException("Parameter " + parameter.getParameter().getName()
                    + " asks for pipeline \"" + name + "\" as a " + type.getSimpleName()
                    + "; ask for an Image (built) or a Container (its definition)");
        }
        if (!parameter.isAnnotated(ServiceContainer.class)) {
            return session.engine();
        }
        return session.services().resolveParameter(parameter, context, CellParameterResolver.of(context),
                pipelines, ServiceDeclarations.of(testClass));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        for (String logs : LatticeSession.of(context).services().logsOfServicesUsed(context)) {
            context.publishReportEntry("service logs", logs);
            failure.addSuppressed(new ServiceLogs(logs));
        }
        throw failure;
    }

    /** The logs of a service a failed test used, shown under the failure. */
    private static final class ServiceLogs extends RuntimeException {
        ServiceLogs(String logs) {
            super(logs, null, false, false);
        }
    }
}
