package dev.lattice.junit.internal;

import dev.lattice.junit.Cell;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cells that configuration parameter {@value #PARAMETER} lets run, such as
 * {@code db=postgres|mariadb,auth=on}: a cell must match every pair, and a pair matches when the
 * cell's value is one of its alternatives. A pair naming an axis that a matrix does not have is
 * ignored for that matrix, so that one filter for the whole run leaves other suites whole.
 *
 * @param alternatives each axis name and the values it may have
 */
public record CellFilter(Map<String, Set<String>> alternatives) {

    /** The configuration parameter holding the filter. */
    public static final String PARAMETER = "lattice.matrix.filter";

    /** The filter that lets every cell run. */
    public static final CellFilter EVERY_CELL = new CellFilter(Map.of());

    private static final String EXAMPLE = "db=postgres or db=postgres|mariadb,auth=on";

    /**
     * Creates a filter.
     *
     * @param alternatives each axis name and its allowed values; copied
     */
    public CellFilter {
        // Kept in the order written, so messages show the filter as the user wrote it.
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        alternatives.forEach((axis, values) -> copy.put(axis, Collections.unmodifiableSet(new LinkedHashSet<>(values))));
        alternatives = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads the filter from the configuration parameter's text.
     *
     * @param text the parameter's value, if it is set
     * @param problems where to record malformed syntax
     * @return the filter; {@link #EVERY_CELL} if the parameter is unset, blank or malformed
     */
    public static CellFilter parse(Optional<String> text, ConfigurationProblems problems) {
        if (text.isEmpty() || text.get().isBlank()) {
            return EVERY_CELL;
        }
        Map<String, Set<String>> alternatives = new LinkedHashMap<>();
        for (String pair : text.get().split(",", -1)) {
            String[] parts = pair.split("=", -1);
            Set<String> values = parts.length == 2 ? values(parts[1]) : Set.of();
            if (parts.length != 2 || parts[0].isBlank() || values.isEmpty()) {
                problems.add("Configuration parameter " + PARAMETER + "=" + text.get() + " has \"" + pair.trim()
                        + "\", which is not axis=value; write it like " + EXAMPLE);
                return EVERY_CELL;
            }
            alternatives.put(parts[0].trim(), values);
        }
        return new CellFilter(alternatives);
    }

    private static Set<String> values(String alternatives) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : alternatives.split("\\|", -1)) {
            if (value.isBlank()) {
                return Set.of();
            }
            values.add(value.trim());
        }
        return values;
    }

    /**
     * Whether the cell may run.
     *
     * @param cell a cell of a matrix
     * @return {@code true} if every pair naming one of the cell's axes allows the cell's value
     */
    public boolean admits(Cell cell) {
        return alternatives.entrySet().stream()
                .filter(pair -> cell.axes().containsKey(pair.getKey()))
                .allMatch(pair -> pair.getValue().contains(cell.axes().get(pair.getKey())));
    }

    /**
     * Records each value the filter asks of an axis of this matrix that the axis does not have, which would
     * otherwise leave the matrix silently without cells.
     *
     * @param axes the matrix's axes
     * @param problems where to record each unknown value, naming the matrix from {@link ConfigurationProblems#where()}
     */
    public void checkValues(List<MatrixAxis> axes, ConfigurationProblems problems) {
        for (MatrixAxis axis : axes) {
            for (String value : alternatives.getOrDefault(axis.name(), Set.of())) {
                if (!axis.values().contains(value)) {
                    problems.add("Configuration parameter " + PARAMETER + "=" + this + " asks for value \"" + value
                            + "\" of axis \"" + axis.name() + "\", which " + problems.where()
                            + " does not have; its values are " + String.join(", ", axis.values()) + "; "
                            + NearMiss.hint(value, axis.values()) + "fix the filter");
                }
            }
        }
    }

    /**
     * The axes the filter names.
     *
     * @return the axis names, in the filter's order
     */
    public Set<String> axes() {
        return alternatives.keySet();
    }

    /**
     * The filter as it is written.
     *
     * @return such as {@code db=postgres|mariadb,auth=on}; empty for {@link #EVERY_CELL}
     */
    @Override
    public String toString() {
        return alternatives.entrySet().stream()
                .map(pair -> pair.getKey() + "=" + String.join("|", pair.getValue()))
                .collect(Collectors.joining(","));
    }
}
