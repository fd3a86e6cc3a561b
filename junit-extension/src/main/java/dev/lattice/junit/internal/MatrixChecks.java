package dev.lattice.junit.internal;

import java.util.List;
import java.util.Set;

/**
 * The checks run on every matrix test method before its cells are produced.
 */
public final class MatrixChecks {

    private MatrixChecks() {
    }

    /**
     * Lattice's own checks, beyond reading axes, exclusions and configuration parameters, which record
     * their problems as they read. A new check is added here.
     *
     * @param latticeResolvers Lattice's own extensions that resolve parameters, which resolve only
     *     parameters carrying Lattice's annotations, so they do not hide a parameter nothing resolves
     * @return the checks, in the order their problems are listed
     */
    public static List<MatrixCheck> builtIn(Set<Class<?>> latticeResolvers) {
        return List.of(new DisplayNameCheck(), UnresolvedParameterCheck.forMatrix(latticeResolvers),
                new LatticeParameterCheck(), new ServiceAxisCheck());
    }

    /**
     * Runs each check on a declaration.
     *
     * @param checks the checks
     * @param declaration the matrix test method and its axes
     * @param problems where every check records its problems
     */
    public static void runAll(List<MatrixCheck> checks, MatrixDeclaration declaration, ConfigurationProblems problems) {
        checks.forEach(check -> check.check(declaration, problems));
    }
}
