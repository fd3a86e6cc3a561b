package dev.lattice.junit.internal;

import dev.lattice.engine.Engine;
import dev.lattice.junit.Cell;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Finds test method parameters that nothing will resolve, so the mistake is reported once instead of
 * failing every cell. It only judges methods whose extensions it can see: as soon as an extension from
 * elsewhere is registered, or extensions are auto-detected, any parameter might be resolved and the
 * check stays silent. Parameters with annotations are left to the extensions those annotations serve.
 *
 * <p>Lattice's own parameter resolvers are not "from elsewhere": they are passed to
 * {@link MatrixChecks#builtIn(Set)}.
 */
final class UnresolvedParameterCheck implements MatrixCheck {

    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    private final Set<Class<?>> resolvableTypes;
    private final Set<Class<?>> ownResolvers;

    /**
     * @param resolvableTypes the parameter types that Lattice and JUnit itself resolve for any test method
     * @param ownResolvers Lattice's parameter resolvers that resolve only {@code resolvableTypes}
     */
    UnresolvedParameterCheck(Set<Class<?>> resolvableTypes, Set<Class<?>> ownResolvers) {
        this.resolvableTypes = Set.copyOf(resolvableTypes);
        this.ownResolvers = Set.copyOf(ownResolvers);
    }

    /**
     * Knows what the matrix and JUnit's own resolvers offer every test method.
     *
     * @param latticeResolvers Lattice's own parameter resolvers, which resolve only annotated parameters
     */
    static UnresolvedParameterCheck forMatrix(Set<Class<?>> latticeResolvers) {
        return new UnresolvedParameterCheck(
                Set.of(Cell.class, Engine.class, TestInfo.class, TestReporter.class), latticeResolvers);
    }

    @Override
    public void check(MatrixDeclaration declaration, ConfigurationProblems problems) {
        if (otherExtensionsMayResolve(declaration)) {
            return;
        }
        for (Parameter parameter : declaration.testMethod().getParameters()) {
            if (parameter.getAnnotations().length == 0 && !resolvableTypes.contains(parameter.getType())) {
                String type = parameter.getType().getSimpleName();
                problems.add("Parameter \"" + type + " " + parameter.getName() + "\" of " + problems.where()
                        + " has no ParameterResolver; take a Cell and read the axis with cell.get(\"...\"),"
                        + " or register an extension that resolves " + type);
            }
        }
    }

    private boolean otherExtensionsMayResolve(MatrixDeclaration declaration) {
        if (declaration.context().getConfigurationParameter(AUTODETECTION).map(Boolean::parseBoolean).orElse(false)) {
            return true;
        }
        List<ExtendWith> declared = new ArrayList<>(
                AnnotationSupport.findRepeatableAnnotations(declaration.testMethod(), ExtendWith.class));
        for (Class<?> type : declaringTypes(declaration)) {
            declared.addAll(AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class));
            if (!AnnotationSupport.findAnnotatedFields(type, RegisterExtension.class, field -> true,
                    HierarchyTraversalMode.TOP_DOWN).isEmpty()
                    || !AnnotationSupport.findAnnotatedFields(type, ExtendWith.class, field -> true,
                    HierarchyTraversalMode.TOP_DOWN).isEmpty()) {
                return true;
            }
        }
        return declared.stream()
                .flatMap(extendWith -> List.of(extendWith.value()).stream())
                .anyMatch(extension -> ParameterResolver.class.isAssignableFrom(extension)
                        && !ownResolvers.contains(extension));
    }

    private static List<Class<?>> declaringTypes(MatrixDeclaration declaration) {
        List<Class<?>> types = new ArrayList<>(declaration.context().getEnclosingTestClasses());
        for (Class<?> type = declaration.testClass(); type != null; type = type.getSuperclass()) {
            types.add(type);
            types.addAll(List.of(type.getInterfaces()));
        }
        return types;
    }
}
