package dev.lattice.junit;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One cell of a {@link MatrixTest}: a value for each axis. Take it as a test method parameter.
 *
 * @param index the cell's 1-based position in the whole matrix after exclusions, the same whether
 *     or not filters and shards leave out other cells
 * @param axes each axis name and its value, in declaration order; cannot be modified
 */
public record Cell(int index, Map<String, String> axes) {

    /**
     * Creates a cell.
     *
     * @param index the cell's 1-based position in the whole matrix
     * @param axes each axis name and its value, in declaration order; copied
     */
    public Cell {
        Objects.requireNonNull(axes, "axes");
        if (index < 1) {
            throw new IllegalArgumentException("index must be 1 or more, was " + index);
        }
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    }

    /**
     * The value of an axis.
     *
     * @param axis the axis name
     * @return the value; never {@code null}
     * @throws IllegalArgumentException if the matrix has no such axis; the message lists the axes
     */
    public String get(String axis) {
        String value = axes.get(axis);
        if (value == null) {
            throw new IllegalArgumentException("No axis \"" + axis + "\" in cell [" + this
                    + "]; the axes are " + String.join(", ", axes.keySet()));
        }
        return value;
    }

    /**
     * The value of an axis as a constant of an enum, typically the one the axis was declared with.
     *
     * @param axis the axis name
     * @param enumType the enum whose constant has the value as its name
     * @param <E> the enum type
     * @return the constant; never {@code null}
     * @throws IllegalArgumentException if there is no such axis or no constant of that name
     */
    public <E extends Enum<E>> E get(String axis, Class<E> enumType) {
        String value = get(axis);
        for (E constant : enumType.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("Axis \"" + axis + "\" has value \"" + value
                + "\", which is no constant of " + enumType.getSimpleName() + "; its constants are "
                + Arrays.stream(enumType.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /**
     * Whether an axis has a value.
     *
     * @param axis the axis name
     * @param value the value to compare with
     * @return {@code true} if the axis has exactly this value
     * @throws IllegalArgumentException if there is no such axis, so a misspelt name fails loudly
     */
    public boolean is(String axis, String value) {
        return get(axis).equals(value);
    }

    /**
     * The cell's name, each axis and its value in declaration order.
     *
     * @return for example {@code auth=on, namespace=team-a, transport=grpc}
     */
    @Override
    public String toString() {
        return axes.entrySet().stream()
                .map(axis -> axis.getKey() + "=" + axis.getValue())
                .collect(Collectors.joining(", "));
    }
}
