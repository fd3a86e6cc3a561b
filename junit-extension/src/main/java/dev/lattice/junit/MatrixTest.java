package dev.lattice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated method once per cell of a matrix: every combination of one value of each
 * {@link Axis}, minus the cells removed by {@link ExcludeCell}.
 *
 * <p>Each cell is its own test in the IDE tree and the Surefire report, named by {@link #name()}.
 * The method can take the current {@link Cell} as a parameter.
 *
 * <pre>{@code
 * @MatrixTest
 * @Axis(name = "auth", values = {"on", "off"})
 * @Axis(name = "transport", values = {"http", "grpc"})
 * void flagLifecycle(Cell cell) { ... }
 * }</pre>
 *
 * <h2>Selecting and pacing cells</h2>
 * Three JUnit configuration parameters (in {@code junit-platform.properties} or as {@code -D}
 * system properties) choose which cells run and how many run at once:
 * <ul>
 *   <li>{@code lattice.matrix.filter=db=postgres|mariadb,auth=on} runs only the cells whose values
 *       match every pair; {@code |} separates alternatives. A pair naming an axis that a matrix
 *       does not have is ignored for that matrix, so one filter for the whole run leaves other
 *       suites whole (an axis no matrix of the run has is reported once, as a warning). A value
 *       the axis does not have is a configuration error, and so is a filter that leaves no cell
 *       in any matrix of the run.</li>
 *   <li>{@code lattice.matrix.shard=2/4} runs the second of four shards. Every cell lands in exactly
 *       one shard, chosen by a hash of the test method and the cell's name, so the split is the same
 *       on every machine and run.</li>
 *   <li>{@code lattice.matrix.parallelism=4} lets at most four cells of the run execute their test
 *       method at the same time. Without it, JUnit's own parallel execution decides.</li>
 * </ul>
 *
 * <p>Cells that the filter or shard leave out are reported as skipped, with the reason, so every
 * cell keeps its unique id and display name whatever the selection: an IDE's "rerun" of a cell
 * runs that cell, even where the filter or shard would skip it, and one that no longer exists
 * fails, naming the matrix and its cell count.
 *
 * <p>Cells run concurrently only when JUnit's parallel execution is on:
 * <pre>
 * junit.jupiter.execution.parallel.enabled=true
 * junit.jupiter.execution.parallel.mode.default=concurrent
 * </pre>
 *
 * <p>Mistakes in the declaration or in these parameters are all reported together, before any
 * cell runs, in one error that says how to fix each.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(MatrixTestExtension.class)
public @interface MatrixTest {

    /**
     * The display name of each cell. Placeholders: {@code {cell}} for all values, such as
     * {@code auth=on, transport=grpc}; {@code {index}} for the cell's 1-based position in the
     * whole matrix; {@code {displayName}} for the method's display name; and {@code {axis}} for the
     * value of the axis of that name, such as {@code {transport}}.
     *
     * @return the display name pattern; {@code "{cell}"} by default
     */
    String name() default "{cell}";
}
