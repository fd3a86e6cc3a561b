package dev.lattice.junit.internal;

import dev.lattice.junit.Cell;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which cells of a matrix run in this run, and why the others do not. The filter and the shard choose, unless the
 * run asks for cells by unique id (as an IDE's "rerun" does): then exactly those run, whatever the filter and shard.
 *
 * @param cells every cell of the matrix, in matrix order
 * @param selection the run's filter and shard
 * @param methodKey the stable key of the matrix's test method, which places its cells in shards
 * @param askedFor the numbers of the cells the run asks for by unique id; empty when it asks for none
 */
public record CellPlan(List<Cell> cells, CellSelection selection, String methodKey, Set<Integer> askedFor) {

    /**
     * Creates a plan.
     *
     * @param cells every cell of the matrix, in matrix order; copied
     * @param selection the run's filter and shard
     * @param methodKey the stable key of the matrix's test method
     * @param askedFor the cells asked for by unique id; copied
     */
    public CellPlan {
        cells = List.copyOf(cells);
        askedFor = Set.copyOf(askedFor);
    }

    /**
     * Records each cell the run asks for by unique id that the matrix does not have.
     *
     * @param problems where to record them, naming the matrix and its cell count
     */
    public void checkAskedFor(ConfigurationProblems problems) {
        askedFor.stream().filter(number -> number > cells.size()).sorted().forEach(number -> problems.add(
                "The run asks for cell #" + number + " of " + problems.where() + " by unique id, but the matrix has "
                        + cells.size() + " cell(s); run the method as a whole to see its cells as they are now"));
    }

    /**
     * Why a cell does not run in this run.
     *
     * @param cell a cell of the matrix
     * @return the reason it is skipped; empty when it runs (or when JUnit leaves it out as not asked for)
     */
    public Optional<String> whySkipped(Cell cell) {
        return askedFor.contains(cell.index()) ? Optional.empty() : selection.whyNot(methodKey, cell);
    }

    /**
     * The cells that run, whose services are worth starting ahead.
     *
     * @return the cells asked for by unique id if any, else those the filter and shard select; in matrix order
     */
    public List<Cell> cellsThatRun() {
        return cells.stream()
                .filter(cell -> askedFor.isEmpty() ? selection.includes(methodKey, cell) : askedFor.contains(cell.index()))
                .toList();
    }

    /**
     * How many cells the filter reaches, whatever the shard: a run whose filter reaches none anywhere ran nothing.
     *
     * @return the cells the filter admits or the run asks for by unique id
     */
    public int cellsTheFilterReaches() {
        return (int) cells.stream()
                .filter(cell -> askedFor.contains(cell.index()) || selection.filter().admits(cell))
                .count();
    }
}
