package dev.lattice.junit.internal.service;

import dev.lattice.engine.spi.EngineConnections;
import dev.lattice.engine.spi.OncePerKey;
import dev.lattice.junit.internal.StaticMembers;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.lifecycle.Startable;

/**
 * The Testcontainers containers held by static {@code @ServiceContainer} fields: each started once per run,
 * whichever class or cell asks first, and stopped when the run ends. Thread-safe.
 */
final class TestcontainersFields {

    private final OncePerKey<Startable> started = new OncePerKey<>();
    private final List<Startable> running = new ArrayList<>();

    /**
     * The field's container, started on first use.
     *
     * @param field a static field holding a {@link Startable}
     * @return the started container, the field's own value
     */
    Startable start(Field field) {
        return started.get(field.getDeclaringClass().getName() + "#" + field.getName(), () -> {
            Startable container = (Startable) StaticMembers.read(field, "@ServiceContainer field "
                    + field.getDeclaringClass().getSimpleName() + "#" + field.getName());
            // Testcontainers starts its Ryuk container first, and would retry for minutes an image no registry
            // serves; this fails in seconds instead, naming the image and the fix.
            EngineConnections.requireTestcontainersRyukStartable();
            container.start();
            synchronized (running) {
                running.add(container);
            }
            return container;
        });
    }

    /** Stops every container started so far. */
    void stopAll() {
        List<Startable> containers;
        synchronized (running) {
            containers = List.copyOf(running);
        }
        containers.forEach(Startable::stop);
    }
}
