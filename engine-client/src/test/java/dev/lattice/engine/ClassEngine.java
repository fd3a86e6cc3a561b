package dev.lattice.engine;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Gives a test class's methods one {@link Engine} with a fresh run id and state directory. JUnit's store of the class
 * owns it: when the class ends, the engine closes and every image of its run and its state directory go.
 * Tests that need other engine options build their own with {@link TestEngines#builder(Path)}.
 */
final class ClassEngine implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClassEngine.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Engine.class;
    }

    @Override
    public Engine resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return classContext(context).getStore(NAMESPACE)
                .computeIfAbsent(ManagedEngine.class, key -> ManagedEngine.open(), ManagedEngine.class).engine();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** An engine and its state directory, removed together. */
    private record ManagedEngine(Engine engine, Path stateDir) implements AutoCloseable {

        static ManagedEngine open() {
            try {
                Path stateDir = Files.createTempDirectory("lattice-test-engine");
                return new ManagedEngine(TestEngines.builder(stateDir).build(), stateDir);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot create a state directory for a test engine", e);
            }
        }

        @Override
        public void close() throws IOException {
            TestEngines.removeRunImages(engine);
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
