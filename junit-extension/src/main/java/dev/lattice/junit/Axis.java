package dev.lattice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One dimension of a {@link MatrixTest}: a name and the values it takes. Give exactly one source
 * of values:
 * <ul>
 *   <li>{@code values}: listed, {@code @Axis(name = "auth", values = {"on", "off"})};</li>
 *   <li>{@code enumType}: every constant's name, {@code @Axis(name = "db", enumType = Database.class)},
 *       read back with {@link Cell#get(String, Class)};</li>
 *   <li>{@code method}: computed once before the matrix expands, by a static method without
 *       parameters of the test class that returns {@code String[]}, a {@code Collection<String>} or
 *       a {@code Stream<String>}, {@code @Axis(name = "namespace", method = "namespaces")}.</li>
 * </ul>
 * Axes cross in the order they are declared.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Axes.class)
public @interface Axis {

    /**
     * The axis name, unique within the matrix.
     *
     * @return the name, used by {@link Cell#get(String)}, filters and exclusions
     */
    String name();

    /**
     * The values, in the order the cells run.
     *
     * @return the listed values; empty when another source gives them
     */
    String[] values() default {};

    /**
     * An enum whose constants are the values.
     *
     * @return the enum type; {@code Enum.class} when another source gives the values
     */
    @SuppressWarnings("rawtypes")
    Class<? extends Enum> enumType() default Enum.class;

    /**
     * The name of a static method of the test class that computes the values.
     *
     * @return the method name; empty when another source gives the values
     */
    String method() default "";
}
