package dev.lattice.junit.internal;

import java.util.List;

/**
 * An axis as read from its declaration.
 *
 * @param name the axis name
 * @param values its values in order; empty only when the declaration is broken
 */
public record MatrixAxis(String name, List<String> values) {

    /**
     * Creates an axis.
     *
     * @param name the axis name
     * @param values its values in order; copied
     */
    public MatrixAxis {
        values = List.copyOf(values);
    }
}
