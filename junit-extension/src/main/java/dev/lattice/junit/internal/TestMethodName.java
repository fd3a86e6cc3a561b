package dev.lattice.junit.internal;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Names a test method for people and for stable keys.
 */
public final class TestMethodName {

    private TestMethodName() {
    }

    /**
     * The short name used in messages, with enclosing classes, such as {@code FlagTest.Nested#store}.
     *
     * @param testClass the class the method runs in
     * @param method the method
     * @return the short name; never empty
     */
    public static String of(Class<?> testClass, Method method) {
        return ofClass(testClass) + "#" + method.getName();
    }

    /**
     * The short name of a class used in messages, with enclosing classes, such as {@code FlagTest.Nested}.
     *
     * @param testClass the class
     * @return the short name; never empty
     */
    public static String ofClass(Class<?> testClass) {
        String className = testClass.getName().substring(testClass.getPackageName().length());
        return className.replaceFirst("^\\.", "").replace('$', '.');
    }

    /**
     * A key that stays the same across runs and machines while the method keeps its class, name and
     * parameter types, such as {@code com.example.FlagTest#store(dev.lattice.junit.Cell)}.
     *
     * @param testClass the class the method runs in
     * @param method the method
     * @return the key; never empty
     */
    public static String stableKey(Class<?> testClass, Method method) {
        return testClass.getName() + "#" + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
