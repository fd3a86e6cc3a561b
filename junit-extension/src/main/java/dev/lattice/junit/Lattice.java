package dev.lattice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Turns Lattice on for a test class: the one annotation a class needs for everything Lattice offers.
 * It registers the matrix of {@link MatrixTest} (which also works on its own) and the pipelines and services of
 * {@link PipelineContainer} and {@link ServiceContainer}: their declarations are checked before anything starts,
 * pipelines build once per test run and services start once per distinct configuration, shared by every class.
 *
 * <pre>{@code
 * @Lattice
 * class FlagServiceMatrixTest { ... }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MatrixTestExtension.class)
@ExtendWith(LatticeExtension.class)
public @interface Lattice {
}
