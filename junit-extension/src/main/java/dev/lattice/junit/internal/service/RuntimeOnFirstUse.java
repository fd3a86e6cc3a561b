package dev.lattice.junit.internal.service;

import dev.lattice.engine.Engine;
import dev.lattice.service.ServiceRuntime;
import java.util.function.Supplier;

/**
 * The run's service runtime, created on first use: a run that starts no service never connects for one. Closing
 * it removes every service container and the network it created. Thread-safe.
 */
final class RuntimeOnFirstUse implements Supplier<ServiceRuntime>, AutoCloseable {

    private final Supplier<Engine> engine;
    private ServiceRuntime runtime;

    /**
     * @param engine gives the run's engine, connecting on first use
     */
    RuntimeOnFirstUse(Supplier<Engine> engine) {
        this.engine = engine;
    }

    @Override
    public synchronized ServiceRuntime get() {
        if (runtime == null) {
            runtime = ServiceRuntime.create(engine.get());
        }
        return runtime;
    }

    @Override
    public void close() {
        ServiceRuntime created;
        synchronized (this) {
            created = runtime;
        }
        if (created != null) {
            created.close();
        }
    }
}
