package dev.lattice.junit.internal;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.junit.internal.pipeline.PipelineDeclarations;
import dev.lattice.junit.internal.service.ServiceDeclarations;
import java.lang.reflect.Parameter;

/**
 * Checks the matrix test method's {@link PipelineContainer} and {@link ServiceContainer} parameters before any
 * cell runs: every name must refer to a declared pipeline or a known service, and a service parameter names a
 * service or an axis, not both.
 */
final class LatticeParameterCheck implements MatrixCheck {

    @Override
    public void check(MatrixDeclaration declaration, ConfigurationProblems problems) {
        PipelineDeclarations pipelines = PipelineDeclarations.of(declaration.testClass());
        ServiceDeclarations services = ServiceDeclarations.of(declaration.testClass());
        for (Parameter parameter : declaration.testMethod().getParameters()) {
            String where = "parameter " + parameter.getName() + " of " + problems.where();
            PipelineContainer pipeline = parameter.getAnnotation(PipelineContainer.class);
            if (pipeline != null) {
                if (pipelines.find(pipeline.value()).isEmpty()) {
                    problems.add(pipelines.unknown(pipeline.value(), where));
                }
                if (!Image.class.equals(parameter.getType()) && !Container.class.equals(parameter.getType())) {
                    problems.add("Pipeline " + where + " is a " + parameter.getType().getSimpleName()
                            + "; ask for an Image (built) or a Container (its definition)");
                }
            }
            ServiceContainer service = parameter.getAnnotation(ServiceContainer.class);
            if (service != null) {
                checkService(declaration, service, services, where, problems);
            }
        }
    }

    private static void checkService(MatrixDeclaration declaration, ServiceContainer service,
                                     ServiceDeclarations services, String where, ConfigurationProblems problems) {
        boolean byName = !service.value().isEmpty();
        boolean byAxis = !service.axis().isEmpty();
        if (byName == byAxis) {
            problems.add("@ServiceContainer on " + where + (byName ? " gives both a name and an axis" : " names nothing")
                    + "; write @ServiceContainer(\"postgres\") or @ServiceContainer(axis = \"db\")");
            return;
        }
        if (byName) {
            if (!services.knows(service.value())) {
                problems.add(services.unknown(service.value(), where));
            }
            return;
        }
        // An axis and its values are checked by ServiceAxisCheck, with those of the factories the method uses.
    }
}
