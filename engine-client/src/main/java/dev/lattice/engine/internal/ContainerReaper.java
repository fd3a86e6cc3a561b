package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.spi.DaemonThreads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Removes the containers of steps off the steps' path (removing a running container takes the engine a few hundred
 * milliseconds, and the step's image is committed by then), one at a time, on one thread.
 */
final class ContainerReaper {

    private final DockerClient docker;
    private final ExecutorService reaper = Executors.newSingleThreadExecutor(DaemonThreads.named("lattice-container-removal"));

    ContainerReaper(DockerClient docker) {
        this.docker = docker;
    }

    /** Removes the container later; after {@link #close()}, now. */
    void removeLater(String container) {
        later(() -> removeNow(container));
    }

    /** Runs a removal on the removal thread, or here once that thread is shut down: it never leaks. */
    void later(Runnable removal) {
        try {
            reaper.execute(removal);
        } catch (RejectedExecutionException closed) {
            removal.run();
        }
    }

    /** Removes the container now, quietly. */
    void removeNow(String container) {
        ContainerRemoval.quietly(docker, container);
    }

    /** Removes a prepared container that will not be committed, once it is made (a removal twice is harmless). */
    void discard(CompletableFuture<String> container) {
        if (container != null) {
            container.thenAccept(this::removeLater);
        }
    }

    /** Waits for pending removals (at most 30 s); later removals run on their caller's thread. */
    void close() {
        reaper.shutdown();
        try {
            reaper.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
