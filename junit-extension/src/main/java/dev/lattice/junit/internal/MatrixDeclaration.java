package dev.lattice.junit.internal;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a {@link MatrixCheck} inspects: a matrix test method in its context, with the axes read from it.
 *
 * @param context the test template's context: class, method and configuration parameters
 * @param axes the axes read so far, in declaration order; an axis that could not be read has no values
 */
public record MatrixDeclaration(ExtensionContext context, List<MatrixAxis> axes) {

    /**
     * Creates a declaration.
     *
     * @param context the test template's context
     * @param axes the axes read so far; copied
     */
    public MatrixDeclaration {
        axes = List.copyOf(axes);
    }

    /**
     * The class the method runs in.
     *
     * @return the test class
     */
    public Class<?> testClass() {
        return context.getRequiredTestClass();
    }

    /**
     * The matrix test method.
     *
     * @return the method
     */
    public Method testMethod() {
        return context.getRequiredTestMethod();
    }
}
