package dev.lattice.junit;

import dev.lattice.junit.internal.AxisReader;
import dev.lattice.junit.internal.CellSelection;
import dev.lattice.junit.internal.ConfigurationProblems;
import dev.lattice.junit.internal.DisplayNamePattern;
import dev.lattice.junit.internal.Exclusion;
import dev.lattice.junit.internal.Matrix;
import dev.lattice.junit.internal.MatrixAxis;
import dev.lattice.junit.internal.MatrixCheck;
import dev.lattice.junit.internal.MatrixChecks;
import dev.lattice.junit.internal.MatrixDeclaration;
import dev.lattice.junit.internal.Parallelism;
import dev.lattice.junit.internal.TestMethodName;
import dev.lattice.junit.internal.report.RunRecorders;
import java.lang.reflect.Method;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Expands a {@link MatrixTest} into one invocation per selected cell, after checking the whole
 * declaration and reporting every problem at once.
 */
final class MatrixTestExtension implements TestTemplateInvocationContextProvider {

    private static final Namespace NAMESPACE = Namespace.create(MatrixTestExtension.class);
    // Lattice's own parameter resolvers go in this set, so the parameter check still sees past them.
    private static final List<MatrixCheck> CHECKS = MatrixChecks.builtIn(Set.of(LatticeExtension.class));

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(method -> AnnotationSupport.isAnnotated(method, MatrixTest.class))
                .orElse(false);
    }

    // A filter or a shard may leave a method no cells on this machine, which is a success.
    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getRequiredTestMethod();
        ConfigurationProblems problems = ConfigurationProblems.of(testClass, method);

        List<MatrixAxis> axes = AxisReader.read(testClass, method, problems);
        List<Exclusion> exclusions = Exclusion.read(method, axes, problems);
        CellSelection selection = CellSelection.fromConfiguration(context::getConfigurationParameter, problems);
        OptionalInt parallelism = Parallelism.parse(
                context.getConfigurationParameter(Parallelism.PARAMETER), problems);
        MatrixChecks.runAll(CHECKS, new MatrixDeclaration(context, axes), problems);
        problems.throwIfAny();

        List<Cell> cells = new Matrix(axes, exclusions).cells();
        if (cells.isEmpty()) {
            problems.add("@ExcludeCell on " + problems.where()
                    + " removes every cell; remove an exclusion or add values");
            problems.throwIfAny();
        }

        String methodKey = TestMethodName.stableKey(testClass, method);
        DisplayNamePattern names = new DisplayNamePattern(
                AnnotationSupport.findAnnotation(method, MatrixTest.class).orElseThrow().name());
        List<Extension> pacing = parallelism.isPresent()
                ? List.of(concurrencyLimit(context, parallelism.getAsInt()))
                : List.of();
        List<Cell> selected = cells.stream().filter(cell -> selection.includes(methodKey, cell)).toList();
        RunRecorders.of(context).matrix(context, axes, cells, selected);
        LatticeExtension.prepare(context, selected);
        return selected.stream()
                .map(cell -> new CellInvocationContext(cell, names.render(cell, context.getDisplayName()), pacing));
    }

    // One limit for the whole run, so the cap counts cells of every matrix method together.
    private static CellConcurrencyLimit concurrencyLimit(ExtensionContext context, int permits) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(permits, CellConcurrencyLimit::new, CellConcurrencyLimit.class);
    }
}
