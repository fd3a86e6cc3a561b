package dev.lattice.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares a build pipeline, or asks for one.
 *
 * <p>On a static method or field of a {@link Lattice} class (or of a class or interface it extends, or of a class that
 * encloses it), it declares a pipeline: the method returns, or the field holds, an engine {@code Container}. Its name
 * is {@link #value()}, or the method's or field's name when that is empty. A pipeline method may take other pipelines
 * as parameters, each annotated with {@code @PipelineContainer("name")} and typed {@code Container} (the definition,
 * lazily composed into this graph) or {@code Image} (the built image).
 *
 * <p>On a parameter (of a test method, a lifecycle method, a pipeline method or a {@link ServiceContainer}
 * factory) it asks for the pipeline of that name, typed {@code Container} or {@code Image}.
 *
 * <p>A pipeline method is called when the run first needs its definition, which is then kept for the run; one that
 * takes no built {@code Image} is called while its class's declarations are checked, so one that throws is reported
 * before any container starts. Every pipeline is built at most once per test run, shared by every test class that sees
 * its declaration, and cached step by step across runs; a class's pipelines start building before its first test, and
 * independent ones build concurrently.
 */
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
// Registers Lattice where the annotation is used on a parameter or field, so it also works without @Lattice.
@ExtendWith(LatticeExtension.class)
public @interface PipelineContainer {

    /**
     * The pipeline's name.
     *
     * @return the name; empty means the annotated method's or field's name (on a parameter it must be given)
     */
    String value() default "";
}
