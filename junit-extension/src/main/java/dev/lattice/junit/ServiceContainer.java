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
 * <p>On a static field of a {@link Lattice} class, typed {@code Database}, {@code Redis} or {@code Service}: the
 * catalog service named by {@link #value()} ({@code "postgres"}, {@code "mariadb"}, {@code "redis"}), injected
 * before the class's tests run. A {@code Database} field gets a database of its own on the shared server.
 *
 * <p>On a static method returning a {@code ServiceSpec}: a service of your own (for example the image a
 * {@link PipelineContainer} builds), named by {@link #value()} or the method's name. Its parameters may be the
 * {@link Cell}, pipelines ({@code @PipelineContainer("name") Image}) and other services; a {@code Database}
 * parameter is the server's shared database, so cells that resolve to the same definition share one container.
 *
 * <p>On a test method parameter, typed {@code Service}, {@code Database} or {@code Redis}: the service named by
 * {@link #value()}, or with {@link #axis()} the one the current cell's value of that axis names. A
 * {@code Database} parameter is a fresh database for that cell, dropped after it.
 *
 * <p>Services start on first need, once per distinct configuration per test run, and stop at its end.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
// Registers Lattice where the annotation is used on a parameter or field, so it also works without @Lattice.
@ExtendWith(LatticeExtension.class)
public @interface ServiceContainer {

    /**
     * The service's name: a catalog name or a declared service.
     *
     * @return the name; empty means the method's or field's name, or that {@link #axis()} names the service
     */
    String value() default "";

    /**
     * An axis of the matrix whose value in the current cell names the service.
     *
     * @return the axis name; empty when {@link #value()} names the service
     */
    String axis() default "";
}
