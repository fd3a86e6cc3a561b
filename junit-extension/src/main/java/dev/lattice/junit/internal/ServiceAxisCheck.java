package dev.lattice.junit.internal;

import dev.lattice.junit.ServiceContainer;
import dev.lattice.junit.internal.service.ServiceDeclaration;
import dev.lattice.junit.internal.service.ServiceDeclarations;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, before any cell runs, every {@code @ServiceContainer(axis = ...)} a matrix reaches: on the test method and
 * on the service factories it uses, directly or through other factories. The matrix must have the axis, and each of
 * its values must name a service (with "did you mean" for a near miss); otherwise a mistyped value would fail only
 * its own cells, once the other cells' services had started.
 */
final class ServiceAxisCheck implements MatrixCheck {

    @Override
    public void check(MatrixDeclaration declaration, ConfigurationProblems problems) {
        new Walk(declaration, ServiceDeclarations.of(declaration.testClass()), problems).run();
    }

    /** One walk over the services a matrix method reaches, each factory once. */
    private static final class Walk {

        private final MatrixDeclaration declaration;
        private final ServiceDeclarations services;
        private final ConfigurationProblems problems;
        private final Set<String> seen = new HashSet<>();
        private final Deque<String> toVisit = new ArrayDeque<>();

        Walk(MatrixDeclaration declaration, ServiceDeclarations services, ConfigurationProblems problems) {
            this.declaration = declaration;
            this.services = services;
            this.problems = problems;
        }

        void run() {
            visitParameters(declaration.testMethod().getParameters(), problems.where());
            while (!toVisit.isEmpty()) {
                String name = toVisit.pop();
                if (seen.add(name)) {
                    services.find(name).filter(ServiceDeclaration::isFactory).ifPresent(factory -> visitParameters(
                            ((Method) factory.source()).getParameters(),
                            factory.where() + ", used by " + problems.where()));
                }
            }
        }

        /** Checks the axes the parameters name, and queues the services they may refer to. */
        private void visitParameters(Parameter[] parameters, String owner) {
            for (Parameter parameter : parameters) {
                ServiceContainer service = parameter.getAnnotation(ServiceContainer.class);
                if (service != null && !service.axis().isEmpty() && service.value().isEmpty()) {
                    toVisit.addAll(checkAxis(service.axis(), "parameter " + parameter.getName() + " of " + owner));
                } else if (service != null || ServiceDeclarations.HANDLE_TYPES.contains(parameter.getType())) {
                    toVisit.add(ServiceDeclarations.referencedName(parameter));
                }
            }
        }

        /** Checks that the matrix has the axis and each value names a service; returns the values. */
        private List<String> checkAxis(String axisName, String where) {
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
}
