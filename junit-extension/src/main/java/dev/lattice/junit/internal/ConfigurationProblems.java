package dev.lattice.junit.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Collects every configuration problem of one matrix test method, or of one test class's pipeline and service
 * declarations, so that all of them are reported together before any cell or container starts. Each problem is one line
 * naming the thing, what is wrong and the fix. One collector serves one validation pass; it is not shared between
 * threads.
 */
public final class ConfigurationProblems {

    private final String testMethod;
    private final List<String> problems = new ArrayList<>();

    private ConfigurationProblems(String testMethod) {
        this.testMethod = testMethod;
    }

    /**
     * Starts an empty collection for a test method.
     *
     * @param testClass the class whose method is checked, which may inherit the method
     * @param method the matrix test method
     * @return an empty collector
     */
    public static ConfigurationProblems of(Class<?> testClass, Method method) {
        return new ConfigurationProblems(TestMethodName.of(testClass, method));
    }

    /**
     * Starts an empty collection for the declarations of a test class (its pipelines and services).
     *
     * @param testClass the test class
     * @return an empty collector
     */
    public static ConfigurationProblems ofClass(Class<?> testClass) {
        return new ConfigurationProblems(TestMethodName.ofClass(testClass));
    }

    /**
     * How problem lines name the test method or class.
     *
     * @return the test method or class in brackets, such as {@code [FlagTest#store]} or {@code [FlagTest]}
     */
    public String where() {
        return "[" + testMethod + "]";
    }

    /**
     * Records a problem.
     *
     * @param problem one line: the thing, the problem and the fix, such as
     *     {@code @Axis "db" on [FlagTest#store] has no values; add values = {...}}
     */
    public void add(String problem) {
        problems.add(problem);
    }

    /**
     * Whether any problem was recorded.
     *
     * @return {@code true} if at least one problem was recorded
     */
    public boolean any() {
        return !problems.isEmpty();
    }

    /**
     * Fails if any problem was recorded, with all of them in one message.
     *
     * @throws ExtensionConfigurationException if a problem was recorded; its message starts with
     *     {@code N configuration error(s) in Class#method:} (or {@code in Class:}) followed by one line per problem
     */
    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder()
                .append(problems.size()).append(" configuration error(s) in ").append(testMethod).append(':');
        problems.forEach(problem -> message.append(System.lineSeparator()).append("- ").append(problem));
        throw new ExtensionConfigurationException(message.toString());
    }
}
