package dev.lattice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares a service dependency, or asks for one.
 *
 * <p>On a static field of a {@link Lattice} class (or of a class or interface it extends, or of a class that encloses
 * it), typed {@code Database}, {@code Redis} or {@code Service}: the catalog service named by {@link #value()}
 * ({@code "postgres"}, {@code "mariadb"}, {@code "redis"}), injected before the class's tests run; other
 * declarations refer to it by the field's name. A {@code Database} field gets a database of its own on the shared
 * server. On a static field holding a Testcontainers container: that container, started once per run before the
 * first class that sees it runs its tests, and stopped at the end of the run.
 *
 * <p>On a static method returning a {@code ServiceSpec}: a service of your own (for example the image a
 * {@link PipelineContainer} builds), named by {@link #value()} or the method's name; on the run's network a
 * camel-case name is spelt in lower-case words joined by {@code -} (method {@code flagsApi} is host {@code flags-api}).
 * Its parameters may be the
 * {@link Cell}, pipelines ({@code @PipelineContainer("name") Image} or {@code Container}) and other services; a
 * {@code Database} parameter is the server's shared database, so cells that resolve to the same definition share
 * one container. Ask for such a service as a {@code Service}.
 *
 * <p>On a parameter of a test or lifecycle method, typed {@code Service}, {@code Database} or {@code Redis}: the
 * service named by {@link #value()}, or with {@link #axis()} the one the current cell's value of that axis names
 * ({@code "sqlite"} is a database that needs no container). A {@code Database} parameter is a fresh database for
 * that invocation (each cell has its own), dropped after it.
 *
 * <p>Services start when first needed (those of a matrix's cells concurrently, before its first cell), once per
 * distinct configuration per test run. A service declared by a method that only matrix cells use stops once the
 * last cell planned to use it ends; every other service stops at the end of the run.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
// Registers Lattice where the annotation is used on a parameter or field, so it also works without @Lattice.
@ExtendWith(LatticeExtension.class)
public @interface ServiceContainer {

    /**
     * On a parameter, the service asked for: a catalog name or a declared service. On a method or a Testcontainers
     * field, the service's name. On a catalog field, the catalog service it holds (the field is known by its name).
     *
     * @return the name; empty means the method's or Testcontainers field's name, or on a parameter that
     *     {@link #axis()} names the service
     */
    String value() default "";

    /**
     * An axis of the matrix whose value in the current cell names the service.
     *
     * @return the axis name; empty when {@link #value()} names the service
     */
    String axis() default "";
}
