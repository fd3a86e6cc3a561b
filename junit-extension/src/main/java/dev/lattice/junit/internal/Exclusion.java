package dev.lattice.junit.internal;

import dev.lattice.junit.Cell;
import dev.lattice.junit.ExcludeCell;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The cells one {@link ExcludeCell} removes: those matching every pair.
 *
 * @param pairs each axis name and the value a removed cell has
 */
public record Exclusion(Map<String, String> pairs) {

    /**
     * Creates an exclusion.
     *
     * @param pairs each axis name and value; copied
     */
    public Exclusion {
        pairs = Map.copyOf(pairs);
    }

    /**
     * Whether the cell is removed.
     *
     * @param cell a cell of the matrix
     * @return {@code true} if the cell has every value of the pairs
     */
    public boolean removes(Cell cell) {
        return pairs.entrySet().stream()
                .allMatch(pair -> pair.getValue().equals(cell.axes().get(pair.getKey())));
    }

    /**
     * Reads the exclusions of a method and checks them against its axes.
     *
     * @param method the matrix test method
     * @param axes the method's axes; an axis without values accepts any value, since its own problem
     *     is already recorded
     * @param problems where to record problems
     * @return the well-formed exclusions; empty if there are none
     */
    public static List<Exclusion> read(Method method, List<MatrixAxis> axes, ConfigurationProblems problems) {
        Map<String, MatrixAxis> axesByName = axes.stream()
                .collect(Collectors.toMap(MatrixAxis::name, axis -> axis));
        return AnnotationSupport.findRepeatableAnnotations(method, ExcludeCell.class).stream()
                .map(exclusion -> read(exclusion, axesByName, problems))
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<Exclusion> read(ExcludeCell declared, Map<String, MatrixAxis> axes,
            ConfigurationProblems problems) {
        if (declared.value().length == 0) {
            problems.add("@ExcludeCell on " + problems.where()
                    + " has no pairs; add pairs such as {\"auth=off\", \"transport=grpc\"}");
            return Optional.empty();
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        boolean wellFormed = true;
        for (String pair : declared.value()) {
            String where = "@ExcludeCell pair \"" + pair + "\" on " + problems.where();
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                problems.add(where + " is not axis=value; write it like \"auth=off\"");
                wellFormed = false;
                continue;
            }
            String axisName = parts[0].trim();
            String value = parts[1].trim();
            MatrixAxis axis = axes.get(axisName);
            if (axis == null) {
                problems.add(where + " names no axis of this matrix; use one of "
                        + String.join(", ", axes.keySet()));
                wellFormed = false;
            } else if (!axis.values().isEmpty() && !axis.values().contains(value)) {
                problems.add(where + " names no value of axis \"" + axisName + "\"; use one of "
                        + String.join(", ", axis.values()));
                wellFormed = false;
            } else {
                pairs.put(axisName, value);
            }
        }
        return wellFormed ? Optional.of(new Exclusion(pairs)) : Optional.empty();
    }
}
