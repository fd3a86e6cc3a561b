package dev.lattice.service;

import dev.lattice.engine.Engine;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one engine and one service runtime, as {@link Engine} and {@link ServiceRuntime} parameters
 * of its lifecycle and test methods; JUnit's store closes them after the class, removing its containers.
 */
final class ClassServices implements ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(ClassServices.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Engine.class || type == ServiceRuntime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow()
                : context;
        Resources resources = classContext.getStore(NAMESPACE)
                .computeIfAbsent(Resources.class, key -> Resources.open(), Resources.class);
        return parameter.getParameter().getType() == Engine.class ? resources.engine() : resources.runtime();
    }

    private record Resources(Engine engine, ServiceRuntime runtime) implements AutoCloseable {

        static Resources open() {
            Engine engine = Engine.connect();
            return new Resources(engine, ServiceRuntime.create(engine));
        }

        @Override
        public void close() {
            runtime.close();
            engine.close();
        }
    }
}
