package dev.lattice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds repeated {@link ExcludeCell} annotations; write {@code @ExcludeCell} several times instead.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ExcludeCells {

    /**
     * The exclusions.
     *
     * @return the exclusions; never empty when written by the compiler
     */
    ExcludeCell[] value();
}
