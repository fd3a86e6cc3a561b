package dev.lattice.junit.internal;

import dev.lattice.junit.Axis;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Reads the {@link Axis} declarations of a matrix test method, computing the values of method axes.
 */
public final class AxisReader {

    private static final String VALUE_SOURCES = "values = {...}, enumType = SomeEnum.class or method = \"...\"";

    private final Class<?> testClass;
    private final ConfigurationProblems problems;

    private AxisReader(Class<?> testClass, ConfigurationProblems problems) {
        this.testClass = testClass;
        this.problems = problems;
    }

    /**
     * Reads every axis of a method, recording each problem.
     *
     * @param testClass the class the method runs in, which declares any axis methods
     * @param method the matrix test method
     * @param problems where to record problems
     * @return the axes in declaration order; an axis with a problem has no values; empty if none is declared
     */
    public static List<MatrixAxis> read(Class<?> testClass, Method method, ConfigurationProblems problems) {
        List<Axis> declared = AnnotationSupport.findRepeatableAnnotations(method, Axis.class);
        if (declared.isEmpty()) {
            problems.add("@MatrixTest " + problems.where()
                    + " has no axes; add @Axis(name = \"...\", values = {...})");
        }
        AxisReader reader = new AxisReader(testClass, problems);
        Set<String> names = new HashSet<>();
        List<MatrixAxis> axes = new ArrayList<>();
        for (Axis axis : declared) {
            if (axis.name().isBlank()) {
                problems.add("@Axis on " + problems.where() + " has no name; add name = \"...\"");
            } else if (!names.add(axis.name())) {
                problems.add("@Axis \"" + axis.name() + "\" on " + problems.where()
                        + " is declared more than once; give each axis its own name");
            } else {
                axes.add(new MatrixAxis(axis.name(), reader.values(axis)));
            }
        }
        return axes;
    }

    private List<String> values(Axis axis) {
        List<String> sources = new ArrayList<>();
        if (axis.values().length > 0) {
            sources.add("values");
        }
        if (axis.enumType() != Enum.class) {
            sources.add("enumType");
        }
        if (!axis.method().isEmpty()) {
            sources.add("method");
        }
        if (sources.isEmpty()) {
            problems.add(describe(axis) + " has no values; add " + VALUE_SOURCES);
            return List.of();
        }
        if (sources.size() > 1) {
            problems.add(describe(axis) + " has both " + String.join(" and ", sources) + "; keep one of them");
            return List.of();
        }
        List<String> values = switch (sources.get(0)) {
            case "values" -> List.of(axis.values());
            case "enumType" -> enumValues(axis);
            default -> methodValues(axis).orElse(List.of());
        };
        return distinct(axis, values);
    }

    private List<String> enumValues(Axis axis) {
        List<String> names = Arrays.stream(axis.enumType().getEnumConstants()).map(constant -> constant.name()).toList();
        if (names.isEmpty()) {
            problems.add(describe(axis) + " has no values: enum " + axis.enumType().getSimpleName()
                    + " has no constants; add constants or use values = {...}");
        }
        return names;
    }

    private Optional<List<String>> methodValues(Axis axis) {
        String methodName = axis.method() + "()";
        Optional<Method> found = ReflectionSupport.findMethod(testClass, axis.method());
        if (found.isEmpty()) {
            return problem(axis, "names method " + methodName + ", which " + testClass.getSimpleName()
                    + " does not have; add a static method " + methodName
                    + " returning String[], List<String> or Stream<String>");
        }
        Method method = found.get();
        if (!Modifier.isStatic(method.getModifiers())) {
            return problem(axis, "names method " + methodName + ", which is not static; make it static");
        }
        Class<?> returnType = method.getReturnType();
        if (returnType == void.class) {
            return problem(axis, "names method " + methodName
                    + ", which returns nothing; return String[], List<String> or Stream<String>");
        }
        if (!returnType.equals(String[].class) && !Collection.class.isAssignableFrom(returnType)
                && !Stream.class.isAssignableFrom(returnType)) {
            return problem(axis, "names method " + methodName + ", which returns " + returnType.getSimpleName()
                    + "; return String[], List<String> or Stream<String>");
        }
        Object result;
        try {
            result = ReflectionSupport.invokeMethod(method, null);
        } catch (RuntimeException e) {
            return problem(axis, "names method " + methodName + ", which threw " + e
                    + "; make it return the values");
        }
        return checkedStrings(axis, methodName, result);
    }

    private Optional<List<String>> checkedStrings(Axis axis, String methodName, Object result) {
        if (result == null) {
            return problem(axis, "names method " + methodName + ", which returned null; return the values");
        }
        List<?> elements = elements(result);
        List<String> values = new ArrayList<>();
        for (Object element : elements) {
            if (!(element instanceof String value)) {
                return problem(axis, "names method " + methodName + ", which returned " + element
                        + " among its values; return only Strings");
            }
            values.add(value);
        }
        if (values.isEmpty()) {
            return problem(axis, "has no values: method " + methodName
                    + " returned none; return at least one value");
        }
        return Optional.of(values);
    }

    private static List<?> elements(Object result) {
        if (result instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (result instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        try (Stream<?> stream = (Stream<?>) result) {
            return stream.toList();
        }
    }

    private List<String> distinct(Axis axis, List<String> values) {
        Set<String> seen = new LinkedHashSet<>();
        for (String value : values) {
            if (!seen.add(value)) {
                problems.add(describe(axis) + " lists \"" + value + "\" more than once; list each value once");
            }
        }
        return List.copyOf(seen);
    }

    private <T> Optional<T> problem(Axis axis, String problem) {
        problems.add(describe(axis) + " " + problem);
        return Optional.empty();
    }

    private String describe(Axis axis) {
        return "@Axis \"" + axis.name() + "\" on " + problems.where();
    }
}
