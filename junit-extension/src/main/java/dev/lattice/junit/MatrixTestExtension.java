package dev.lattice.junit;

import dev.lattice.junit.internal.AxisReader;
import dev.lattice.junit.internal.CellPlan;
import dev.lattice.junit.internal.CellSelection;
import dev.lattice.junit.internal.ConfigurationProblems;
import dev.lattice.junit.internal.DisplayNamePattern;
import dev.lattice.junit.internal.Exclusion;
import dev.lattice.junit.internal.FilterReach;
import dev.lattice.junit.internal.JupiterStores;
import dev.lattice.junit.internal.Matrix;
import dev.lattice.junit.internal.MatrixAxis;
import dev.lattice.junit.internal.MatrixCheck;
import dev.lattice.junit.internal.MatrixChecks;
import dev.lattice.junit.internal.MatrixDeclaration;
import dev.lattice.junit.internal.Parallelism;
import dev.lattice.junit.internal.SelectedInvocations;
import dev.lattice.junit.internal.TestMethodName;
import dev.lattice.junit.internal.report.RunRecorders;
import dev.lattice.junit.internal.settings.RunSettingsCheck;
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
 * Expands a {@link MatrixTest} into one invocation per cell, after checking the whole declaration and reporting
 * every problem at once; the cells that the filter or shard leave out are skipped, with the reason.
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

    /**
     * Every cell of the matrix, in matrix order, whatever the filter and shard: JUnit numbers invocations by their
     * place in this stream, so a cell keeps its unique id (and an IDE's "rerun" finds it) with or without them.
     * Cells not selected here are skipped with the reason. A cell the run asks for by unique id runs regardless.
     */
    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Method method = context.getRequiredTestMethod();
        ConfigurationProblems problems = ConfigurationProblems.of(testClass, method);

        List<MatrixAxis> axes = AxisReader.read(testClass, method, problems);
        List<Exclusion> exclusions = Exclusion.read(method, axes, problems);
        // A class without @Lattice opens no session, whose opening checks the run's settings; its matrix checks them.
        RunSettingsCheck.problems(context).forEach(problems::add);
        CellSelection selection = CellSelection.fromConfiguration(context::getConfigurationParameter, problems);
        selection.filter().checkValues(axes, problems);
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
        CellPlan plan = new CellPlan(cells, selection, TestMethodName.stableKey(testClass, method),
                SelectedInvocations.of(context.getUniqueId()));
        plan.checkAskedFor(problems);
        problems.throwIfAny();

        DisplayNamePattern names = new DisplayNamePattern(
                AnnotationSupport.findAnnotation(method, MatrixTest.class).orElseThrow().name());
        List<Extension> pacing = parallelism.isPresent()
                ? List.of(concurrencyLimit(context, parallelism.getAsInt()))
                : List.of();
        FilterReach.of(context, selection.filter()).record(axes, plan.cellsTheFilterReaches());
        RunRecorders.of(context).matrix(context, axes, cells, plan.cellsThatRun());
        LatticeExtension.prepare(context, plan.cellsThatRun());
        return cells.stream().map(cell -> new CellInvocationContext(cell, names.render(cell, context.getDisplayName()),
                plan.whySkipped(cell).<List<Extension>>map(reason -> List.of(new SkippedCell(reason))).orElse(pacing)));
    }

    // One limit for the whole run, so the cap counts cells of every matrix method together.
    private static CellConcurrencyLimit concurrencyLimit(ExtensionContext context, int permits) {
        return JupiterStores.computeIfAbsent(context.getRoot().getStore(NAMESPACE), permits,
                () -> new CellConcurrencyLimit(permits), CellConcurrencyLimit.class);
    }
}
