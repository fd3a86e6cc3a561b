package dev.lattice.junit.internal;

import dev.lattice.junit.Cell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cross product of a method's axes, less its exclusions.
 *
 * @param axes the axes in declaration order
 * @param exclusions the exclusions
 */
public record Matrix(List<MatrixAxis> axes, List<Exclusion> exclusions) {

    /**
     * Creates a matrix.
     *
     * @param axes the axes in declaration order; copied
     * @param exclusions the exclusions; copied
     */
    public Matrix {
        axes = List.copyOf(axes);
        exclusions = List.copyOf(exclusions);
    }

    /**
     * Every cell that no exclusion removes, the first axis varying slowest, numbered from 1.
     *
     * @return the cells in order; empty if there are no axes, an axis has no values, or exclusions
     *     remove everything
     */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Map<String, String> combination : combinations(axes)) {
            Cell candidate = new Cell(cells.size() + 1, combination);
            if (exclusions.stream().noneMatch(exclusion -> exclusion.removes(candidate))) {
                cells.add(candidate);
            }
        }
        return List.copyOf(cells);
    }

    /**
     * Every combination of the axes' values, exclusions aside, the first axis varying slowest.
     *
     * @param axes the axes in declaration order
     * @return one map of axis name to value per combination, in axis order; empty when there are no axes
     */
    public static List<Map<String, String>> combinations(List<MatrixAxis> axes) {
        if (axes.isEmpty()) {
            return List.of();
        }
        List<Map<String, String>> combinations = List.of(Map.of());
        for (MatrixAxis axis : axes) {
            List<Map<String, String>> crossed = new ArrayList<>();
            for (Map<String, String> combination : combinations) {
                for (String value : axis.values()) {
                    Map<String, String> extended = new LinkedHashMap<>(combination);
                    extended.put(axis.name(), value);
                    crossed.add(extended);
                }
            }
            combinations = crossed;
        }
        return combinations;
    }
}
