package dev.lattice.junit.internal;

/**
 * One validation of a matrix test method, run before any cell. A check records each problem it finds
 * in the collector instead of throwing, so that all problems are reported together.
 * Add a check to {@link MatrixChecks#builtIn(java.util.Set)}.
 */
@FunctionalInterface
public interface MatrixCheck {

    /**
     * Records every problem of the declaration that this check knows about.
     *
     * @param declaration the method, its context and its axes as read so far
     * @param problems where to record each problem, one line with the thing, the problem and the fix
     */
    void check(MatrixDeclaration declaration, ConfigurationProblems problems);
}
