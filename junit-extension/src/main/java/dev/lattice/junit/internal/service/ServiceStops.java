package dev.lattice.junit.internal.service;

import dev.lattice.junit.internal.report.SessionRecorder;
import dev.lattice.engine.spi.DaemonThreads;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Stops services before the run ends, off the cells' path, and lets a caller wait until one has stopped. Stops have
 * threads of their own: a service start that waits for a stop never waits behind other starts. Thread-safe.
 */
final class ServiceStops implements AutoCloseable {

    /** Removing a container is one engine call that mostly waits; two at a time keep up with a matrix's modes. */
    private static final int THREADS = 2;

    private final Supplier<ServiceRuntime> runtime;
    private final SessionRecorder recorder;
    private final ExecutorService stopper;
    private final ConcurrentMap<Service, CompletableFuture<Void>> stops = new ConcurrentHashMap<>();

    /**
     * @param runtime the run's service runtime, which stops the services
     * @param recorder records when each service stopped, for the run report
     */
    ServiceStops(Supplier<ServiceRuntime> runtime, SessionRecorder recorder) {
        this.runtime = runtime;
        this.recorder = recorder;
        this.stopper = DaemonThreads.pool("lattice-service-stop", THREADS);
    }

    /** Stops a service in the background; a failure is left for the run's cleanup, which removes it at the latest. */
    void stop(Service service) {
        CompletableFuture<Void> stopped = stopOf(service);
        try {
            stopper.execute(() -> {
                try {
                    runtime.get().stop(service);
                    recorder.current().serviceStopped(service);
                } catch (RuntimeException failed) {
                    // The run's cleanup removes it at the latest.
                } finally {
                    stopped.complete(null);
                }
            });
        } catch (RejectedExecutionException closing) {
            // The run is ending: its cleanup removes the service with the others.
            stopped.complete(null);
        }
    }

    /**
     * Waits until a service that {@link #stop} was or will be given has stopped (or the run is ending), so that
     * asking the runtime for an equal service starts a new one.
     */
    void awaitStopped(Service service) {
        try {
            stopOf(service).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while service \"" + service.name() + "\" stops", interrupted);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible.getCause());
        }
    }

    /** The future of a service's stop, made by whichever comes first: the stop or a caller waiting for it. */
    private CompletableFuture<Void> stopOf(Service service) {
        return stops.computeIfAbsent(service, any -> new CompletableFuture<>());
    }

    @Override
    public void close() {
        stopper.shutdownNow();
        // Stops that never ran are the run's cleanup's now: nobody waits for them any more.
        stops.values().forEach(stop -> stop.complete(null));
    }
}
