package dev.lattice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Removes from a {@link MatrixTest} the cells that match every given {@code axis=value} pair:
 * {@code @ExcludeCell({"auth=off", "transport=grpc"})} removes each cell with auth off over grpc,
 * whatever its other values.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ExcludeCells.class)
public @interface ExcludeCell {

    /**
     * The {@code axis=value} pairs a cell must all match to be removed.
     *
     * @return the pairs; at least one
     */
    String[] value();
}
