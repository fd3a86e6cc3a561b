package dev.lattice.junit.internal;

import dev.lattice.junit.Cell;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which cells of a matrix run here: those the filter admits, in this machine's shard.
 *
 * @param filter the cells allowed by value
 * @param shard this machine's share of the cells
 */
public record CellSelection(CellFilter filter, Shard shard) {

    /**
     * Reads the selection from configuration parameters {@value CellFilter#PARAMETER} and
     * {@value Shard#PARAMETER}.
     *
     * @param configuration looks up a configuration parameter by name
     * @param problems where to record invalid values
     * @return the selection; every cell when neither parameter is set
     */
    public static CellSelection fromConfiguration(Function<String, Optional<String>> configuration,
            ConfigurationProblems problems) {
        return new CellSelection(
                CellFilter.parse(configuration.apply(CellFilter.PARAMETER), problems),
                Shard.parse(configuration.apply(Shard.PARAMETER), problems));
    }

    /**
     * Whether the cell runs here.
     *
     * @param methodKey the stable key of the cell's test method
     * @param cell the cell
     * @return {@code true} if the filter admits it and it falls in this shard
     */
    public boolean includes(String methodKey, Cell cell) {
        return filter.admits(cell) && shard.holds(methodKey, cell);
    }

    /**
     * Why a cell does not run here, as shown where it is skipped.
     *
     * @param methodKey the stable key of the cell's test method
     * @param cell the cell
     * @return the reason, such as {@code not selected by lattice.matrix.filter=db=postgres} or
     *     {@code in shard 3/4, this run is 2/4}; empty when the cell runs here
     */
    public Optional<String> whyNot(String methodKey, Cell cell) {
        if (!filter.admits(cell)) {
            return Optional.of("not selected by " + CellFilter.PARAMETER + "=" + filter);
        }
        int shardOfCell = shard.shardOf(methodKey, cell);
        if (shardOfCell != shard.number()) {
            return Optional.of("in shard " + shardOfCell + "/" + shard.count() + ", this run is " + shard);
        }
        return Optional.empty();
    }
}
