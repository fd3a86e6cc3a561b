package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.spi.DaemonThreads;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Running exec containers kept for a few seconds after their commit, so that the next exec of the
 * same chain can run in them instead of creating and starting a new container (the start is most
 * of an exec's overhead), and so that a copy of the image's files can read them without creating one. The container's filesystem equals the committed image's, so a commit of
 * it after the next exec is that exec's correct result (its layer also carries the earlier diff).
 * A container is reused only by an exec with the same container settings (its signature).
 */
final class ParkedContainers {

    private static final long KEEP_SECONDS = 3;

    private final DockerClient docker;
    private final Map<String, Parked> byImage = new ConcurrentHashMap<>();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("lattice-parked-expiry"));
    // Guarded by this: close() and park() agree on whether a container may still be kept.
    private boolean closed;

    ParkedContainers(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Keeps {@code container}, whose filesystem is image {@code imageId} except below its mount points, for the
     * next exec with {@code signature}.
     */
    void park(String imageId, String container, String signature, MountPoints mountPoints) {
        Parked parked = new Parked(container, signature, mountPoints);
        Parked replaced;
        synchronized (this) {
            if (closed) {
                // Parked after close() would outlive it: nothing would remove it before the run's cleanup.
                removeQuietly(container);
                return;
            }
            replaced = byImage.put(imageId, parked);
            expiry.schedule(() -> {
                if (byImage.remove(imageId, parked)) {
                    removeQuietly(parked.container);
                }
            }, KEEP_SECONDS, TimeUnit.SECONDS);
        }
        if (replaced != null) {
            removeLater(replaced.container);
        }
    }

    /**
     * A signature no exec has, for a container parked only to be read from ({@link #borrow}): {@link #claim} removes
     * it rather than giving it to an exec.
     */
    static String forReadingOnly(String signature) {
        return "read-only|" + signature;
    }

    /** Returns a running container whose filesystem is {@code imageId} and whose settings match; may be null. */
    String claim(String imageId, String signature) {
        Parked parked = byImage.remove(imageId);
        if (parked == null) {
            return null;
        }
        if (parked.signature.equals(signature)) {
            return parked.container;
        }
        removeLater(parked.container);
        return null;
    }

    /**
     * Takes the container of {@code imageId} for reading {@code path}, whatever its signature; null when none is
     * parked or when a mount shows other files than the image's at that path. Give it back with {@link #giveBack}.
     * While borrowed no exec can change its filesystem.
     */
    Parked borrow(String imageId, String path) {
        Parked parked = byImage.get(imageId);
        if (parked == null || parked.mountPoints.overlap(path) || !byImage.remove(imageId, parked)) {
            return null;
        }
        return parked;
    }

    /** Returns a borrowed container for later reuse. */
    void giveBack(String imageId, Parked borrowed) {
        park(imageId, borrowed.container, borrowed.signature, borrowed.mountPoints);
    }

    /** Removes every parked container. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        // Pending removals run now; pending expiries find their container removed below.
        expiry.shutdownNow().forEach(Runnable::run);
        byImage.values().forEach(parked -> removeQuietly(parked.container));
        byImage.clear();
    }

    /** Removes a container off the caller's path: removing a running container takes a few hundred milliseconds. */
    private void removeLater(String container) {
        try {
            expiry.execute(() -> removeQuietly(container));
        } catch (RejectedExecutionException closed) {
            removeQuietly(container);
        }
    }

    private void removeQuietly(String container) {
        ContainerRemoval.quietly(docker, container);
    }

    /** A parked container; below its mount points it shows other files than its image's. */
    record Parked(String container, String signature, MountPoints mountPoints) {
    }
}
