package dev.lattice.junit.internal;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.junit.internal.pipeline.PipelineDeclarations;
import dev.lattice.junit.internal.service.ServiceDeclarations;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * Checks the matrix test method's {@link PipelineContainer} and {@link ServiceContainer} parameters before any
 * cell runs: every name must refer to a declared pipeline or a known service, an {@code axis =} must name an axis
 * of the matrix, and every value of that axis must name a service.
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
        new FactoryAxisCheck(declaration, services, problems).checkFactoriesUsedBy(declaration.testMethod());
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
        checkAxisValues(declaration, service.axis(), services, where, problems);
    }

    /**
     * Checks that the matrix has the axis and that each of its values names a service.
     *
     * @return the axis's values; empty when the matrix lacks the axis (which is recorded)
     */
    static List<String> checkAxisValues(MatrixDeclaration declaration, String axisName, ServiceDeclarations services,
                                        String where, ConfigurationProblems problems) {
        Optional<MatrixAxis> axis = declaration.axes().stream()
                .filter(candidate -> candidate.name().equals(axisName))
                .findFirst();
        if (axis.isEmpty()) {
            List<String> names = declaration.axes().stream().map(MatrixAxis::name).toList();
            problems.add("@ServiceContainer(axis = \"" + axisName + "\") on " + where
                    + " names no axis of the matrix; axes are " + names + ", so " + NearMiss.hint(axisName, names)
                    + "add @Axis(name = \"" + axisName + "\", ...) or fix the name");
            return List.of();
        }
        for (String value : axis.get().values()) {
            if (!services.knows(value)) {
                problems.add(services.unknown(value, "axis \"" + axisName + "\" used by " + where));
            }
        }
        return axis.get().values();
    }
}
