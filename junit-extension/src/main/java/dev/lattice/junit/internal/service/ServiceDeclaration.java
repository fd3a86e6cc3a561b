package dev.lattice.junit.internal.service;

import dev.lattice.junit.ServiceContainer;
import dev.lattice.service.ServiceSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.testcontainers.lifecycle.Startable;

/**
 * One {@code @ServiceContainer} declaration on a static field or method of a test class.
 *
 * @param name the service's name: what parameters and axis values refer to
 * @param catalogName for a field, the catalog service it holds ({@code "postgres"}); empty for a factory method
 *     or a Testcontainers container
 * @param source the declaring field or method
 */
public record ServiceDeclaration(String name, String catalogName, Member source) {

    /** Reads a declaration from an annotated field or method. */
    static ServiceDeclaration of(Member source, ServiceContainer annotation) {
        if (source instanceof Field field && !Startable.class.isAssignableFrom(field.getType())) {
            // A catalog field is known by its field name and by the catalog name it holds.
            return new ServiceDeclaration(field.getName(), annotation.value(), source);
        }
        String name = annotation.value().isEmpty() ? source.getName() : annotation.value();
        return new ServiceDeclaration(name, "", source);
    }

    /** Where it is declared: {@code FlagServiceMatrixTest#flags()} or {@code FlagServiceMatrixTest#db}. */
    public String where() {
        return source.getDeclaringClass().getSimpleName() + "#" + source.getName()
                + (source instanceof Method ? "()" : "");
    }

    /** Whether this is a factory method returning a {@link ServiceSpec}. */
    public boolean isFactory() {
        return source instanceof Method;
    }

    /** Whether this is a field holding a Testcontainers container. */
    public boolean isTestcontainers() {
        return source instanceof Field field && Startable.class.isAssignableFrom(field.getType());
    }

    /** Whether it is declared static, as shared services must be. */
    boolean isStatic() {
        return Modifier.isStatic(source.getModifiers());
    }
}
