package dev.lattice.junit.internal;

import dev.lattice.junit.ServiceContainer;
import dev.lattice.junit.internal.service.ServiceDeclaration;
import dev.lattice.junit.internal.service.ServiceDeclarations;
import dev.lattice.service.Database;
import dev.lattice.service.Redis;
import dev.lattice.service.Service;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks, before any cell runs, the {@code @ServiceContainer(axis = ...)} parameters of the service factories a
 * matrix method uses, directly or through other factories: the matrix must have the axis, and each of its values
 * must name a service. Otherwise a mistyped value would fail only its own cells, once the other cells' services
 * had started.
 */
final class FactoryAxisCheck {

    private static final Set<Class<?>> HANDLES = Set.of(Service.class, Database.class, Redis.class);

    private final MatrixDeclaration declaration;
    private final ServiceDeclarations services;
    private final ConfigurationProblems problems;

    FactoryAxisCheck(MatrixDeclaration declaration, ServiceDeclarations services, ConfigurationProblems problems) {
        this.declaration = declaration;
        this.services = services;
        this.problems = problems;
    }

    /** Walks every factory reachable from the method's service parameters, each once. */
    void checkFactoriesUsedBy(Method testMethod) {
        Set<String> seen = new HashSet<>();
        Deque<String> names = new ArrayDeque<>(referencedNames(testMethod));
        while (!names.isEmpty()) {
            String name = names.pop();
            if (!seen.add(name)) {
                continue;
            }
            services.find(name).filter(ServiceDeclaration::isFactory).ifPresent(factory ->
                    names.addAll(checkFactory(factory)));
        }
    }

    /** Checks a factory's axis parameters, and returns the services its parameters may name. */
    private List<String> checkFactory(ServiceDeclaration factory) {
        List<String> reached = new ArrayList<>();
        for (Parameter parameter : ((Method) factory.source()).getParameters()) {
            ServiceContainer service = parameter.getAnnotation(ServiceContainer.class);
            if (service != null && !service.axis().isEmpty()) {
                reached.addAll(LatticeParameterCheck.checkAxisValues(declaration, service.axis(), services,
                        "parameter " + parameter.getName() + " of " + factory.where() + ", used by "
                                + problems.where(), problems));
            } else if (service != null && !service.value().isEmpty()) {
                reached.add(service.value());
            } else if (HANDLES.contains(parameter.getType())) {
                reached.add(parameter.getName());
            }
        }
        return reached;
    }

    /** The services a method's parameters name directly or through the values of their axes. */
    private List<String> referencedNames(Executable method) {
        List<String> names = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            ServiceContainer service = parameter.getAnnotation(ServiceContainer.class);
            if (service == null) {
                continue;
            }
            if (!service.value().isEmpty()) {
                names.add(service.value());
            }
            if (!service.axis().isEmpty()) {
                declaration.axes().stream().filter(axis -> axis.name().equals(service.axis()))
                        .forEach(axis -> names.addAll(axis.values()));
            }
        }
        return names;
    }
}
