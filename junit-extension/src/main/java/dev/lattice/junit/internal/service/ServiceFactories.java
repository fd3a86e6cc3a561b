package dev.lattice.junit.internal.service;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import dev.lattice.junit.Cell;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.junit.internal.StaticMembers;
import dev.lattice.junit.internal.pipeline.PipelineDeclaration;
import dev.lattice.junit.internal.pipeline.PipelineGraph;
import dev.lattice.service.ServiceSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Calls {@code @ServiceContainer} factory methods: each parameter given its argument (the cell, a pipeline's image or
 * definition, another service), and what the factory returns checked.
 */
final class ServiceFactories {

    /** Gives a factory parameter the service it names, kept until the end of the run. */
    @FunctionalInterface
    interface ServiceArguments {
        Object kept(String name, Class<?> type, ServiceScope scope);
    }

    private final PipelineGraph pipelines;
    private final ServiceArguments services;

    /**
     * @param pipelines the run's pipelines, for parameters that take an image or a definition
     * @param services gives parameters that take a service
     */
    ServiceFactories(PipelineGraph pipelines, ServiceArguments services) {
        this.pipelines = pipelines;
        this.services = services;
    }

    /**
     * The definition a factory gives for a scope, named after the declaration.
     *
     * @throws ExtensionConfigurationException when the factory gives null, throws or needs a cell it lacks, naming
     *     the factory, the cell and the fix
     */
    ServiceSpec spec(ServiceDeclaration factory, ServiceScope scope) {
        String what = "@ServiceContainer \"" + factory.name() + "\" on " + factory.where();
        String forCell = scope.cell() == null ? "" : " for cell [" + scope.cell() + "]";
        ServiceSpec spec = (ServiceSpec) StaticMembers.call((Method) factory.source(),
                parameter -> argument(factory, parameter, scope), what + forCell,
                "fix what it throws, so that it returns a ServiceSpec");
        if (spec == null) {
            throw new ExtensionConfigurationException(what + " returned null" + forCell
                    + "; return a ServiceSpec, such as ServiceSpec.of(image), for every cell that uses it");
        }
        // A class with @Lattice has this reported before anything starts; without it, the first use says it.
        return spec.named(NetworkAlias.of(factory.name())
                .orElseThrow(() -> new ExtensionConfigurationException(NetworkAlias.unfit(what))));
    }

    /**
     * Calls, for each cell, each factory its parameter names that needs nothing started (it takes at most the cell),
     * so that one giving null or throwing for some cell fails the matrix before the other cells' services start.
     * Other factories are called as their services start, and their cells report them.
     *
     * @param parameter a {@code @ServiceContainer} parameter of the matrix method
     * @param scopes one scope per cell that will run
     * @throws ExtensionConfigurationException naming the factory, the cell and the fix
     */
    void callEarly(Parameter parameter, List<ServiceScope> scopes) {
        ServiceContainer annotation = parameter.getAnnotation(ServiceContainer.class);
        for (ServiceScope scope : scopes) {
            scope.find(scope.nameOf(annotation, "parameter " + parameter.getName()))
                    .filter(ServiceDeclaration::isFactory)
                    .filter(ServiceFactories::startsNothing)
                    .ifPresent(factory -> spec(factory, scope));
        }
    }

    /**
     * Whether calling a factory starts and waits for nothing: it takes at most the cell. (A pipeline's definition
     * may itself need another pipeline's built image, and a service parameter starts that service.)
     */
    private static boolean startsNothing(ServiceDeclaration factory) {
        return List.of(((Method) factory.source()).getParameters()).stream()
                .allMatch(parameter -> Cell.class.equals(parameter.getType()));
    }

    private Object argument(ServiceDeclaration factory, Parameter parameter, ServiceScope scope) {
        String where = "parameter " + parameter.getName() + " of " + factory.where();
        if (Cell.class.equals(parameter.getType())) {
            if (scope.cell() == null) {
                throw new ExtensionConfigurationException("@ServiceContainer \"" + factory.name() + "\" on "
                        + factory.where() + " takes a Cell, but is used outside a @MatrixTest cell; use it"
                        + " from a matrix test, or drop the Cell parameter");
            }
            return scope.cell();
        }
        PipelineContainer pipeline = parameter.getAnnotation(PipelineContainer.class);
        if (pipeline != null) {
            PipelineDeclaration found = scope.pipelines().find(pipeline.value())
                    .orElseThrow(() -> new ExtensionConfigurationException(
                            scope.pipelines().unknown(pipeline.value(), where)));
            if (Image.class.equals(parameter.getType())) {
                return scope.reports() ? pipelines.image(scope.pipelines(), found)
                        : pipelines.imageUnreported(scope.pipelines(), found);
            }
            return scope.reports() ? pipelines.definition(scope.pipelines(), found)
                    : pipelines.definitionUnreported(scope.pipelines(), found);
        }
        ServiceContainer service = parameter.getAnnotation(ServiceContainer.class);
        String name = service != null && !service.axis().isEmpty()
                ? scope.nameOf(service, where)
                : ServiceDeclarations.referencedName(parameter);
        return services.kept(name, parameter.getType(), scope);
    }
}
