package dev.lattice.junit.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * What the run's {@value CellFilter#PARAMETER} reached across every matrix of the run, judged when the run ends: a
 * filter that left every matrix without a cell fails the run (rather than passing with nothing run), and an axis
 * the filter names that no matrix has is reported once, as a warning, since another suite may have it.
 */
public final class FilterReach implements AutoCloseable {

    private static final Namespace NAMESPACE = Namespace.create(FilterReach.class);

    private final CellFilter filter;
    private final Set<String> axesSeen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger matrices = new AtomicInteger();
    private final AtomicInteger cellsReached = new AtomicInteger();

    private FilterReach(CellFilter filter) {
        this.filter = filter;
    }

    /**
     * The reach of the filter in the run a context belongs to, judged when the run's engine finishes.
     *
     * @param context any context of the run
     * @param filter the run's filter
     * @return the run's record, shared by every matrix of the run
     */
    public static FilterReach of(ExtensionContext context, CellFilter filter) {
        return JupiterStores.computeClosingIfAbsent(context.getRoot().getStore(NAMESPACE), FilterReach.class,
                () -> new FilterReach(filter), FilterReach.class);
    }

    /**
     * Records one matrix of the run.
     *
     * @param axes its axes
     * @param cellsReached how many of its cells the filter admits, or the run asks for by unique id
     */
    public void record(List<MatrixAxis> axes, int cellsReached) {
        axes.forEach(axis -> axesSeen.add(axis.name()));
        matrices.incrementAndGet();
        this.cellsReached.addAndGet(cellsReached);
    }

    /**
     * Judges the run: warns of axes no matrix has, fails if the filter left no cell at all.
     *
     * @throws ExtensionConfigurationException if the run had matrices and the filter admitted none of their cells
     */
    @Override
    public void close() {
        if (filter.axes().isEmpty() || matrices.get() == 0) {
            return;
        }
        Set<String> seen = new TreeSet<>(axesSeen);
        for (String axis : filter.axes()) {
            if (!seen.contains(axis)) {
                System.err.println("WARNING: Lattice: configuration parameter " + CellFilter.PARAMETER + "=" + filter
                        + " names axis \"" + axis + "\", which no matrix of this run has (their axes: "
                        + String.join(", ", seen) + "); " + NearMiss.hint(axis, seen)
                        + "the filter does not narrow any matrix by it");
            }
        }
        if (cellsReached.get() == 0) {
            throw new ExtensionConfigurationException("Configuration parameter " + CellFilter.PARAMETER + "="
                    + filter + " selects no cell of the " + matrices.get() + " matrix test method(s) of this run,"
                    + " so nothing ran; widen the filter or remove it");
        }
    }
}
