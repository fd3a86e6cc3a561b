package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Running containers whose filesystem is a layer's result, by the layer's key.
 *
 * <ul>
 *   <li>While a layer's exec container is <em>committing</em>, copies from that layer may read it
 *       ({@link #borrow}); no exec may run in it yet.</li>
 *   <li>After the commit it is <em>parked</em> for a few seconds, so that the next exec of the same
 *       chain runs in it instead of creating and starting a new container (the start is most of an
 *       exec's overhead). The container's filesystem equals the layer's image, so a commit of it after
 *       the next exec is that exec's correct result (its layer also carries the earlier diff). Only an
 *       exec with the same container settings (its signature) takes it.</li>
 * </ul>
 */
final class ParkedContainers {

    private static final long KEEP_SECONDS = 3;

    private final DockerClient docker;
    /** Guarded by {@code this}; waiters are woken when a committing entry changes. */
    private final Map<String, Entry> byLayer = new HashMap<>();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("lattice-parked-expiry"));

    ParkedContainers(DockerClient docker) {
        this.docker = docker;
    }

    /** Lets copies read {@code container}, which holds layer {@code key}'s files, while its commit runs. */
    synchronized void committing(String key, String container, MountPoints mountPoints) {
        replace(key, new Entry(container, null, true, mountPoints));
    }

    /**
     * Ends the commit of layer {@code key}: waits until no copy reads {@code container}, then parks it
     * for the next exec with {@code signature}, or with a null signature forgets it. Returns whether it is
     * parked; if not, the caller removes it.
     */
    synchronized boolean committed(String key, String container, String signature) {
        Entry entry = byLayer.get(key);
        while (entry != null && entry.committing && entry.container.equals(container) && entry.readers > 0) {
            waitForChange();
            entry = byLayer.get(key);
        }
        boolean ours = entry != null && entry.container.equals(container);
        if (ours) {
            byLayer.remove(key);
        }
        boolean parks = ours && signature != null;
        if (parks) {
            park(key, container, signature, entry.mountPoints);
        }
        notifyAll();
        return parks;
    }

    /** Keeps {@code container}, whose filesystem is layer {@code key}'s, for the next exec with {@code signature}. */
    synchronized void park(String key, String container, String signature, MountPoints mountPoints) {
        Entry parked = new Entry(container, signature, false, mountPoints);
        replace(key, parked);
        try {
            expiry.schedule(() -> expire(key, parked), KEEP_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException closed) {
            byLayer.remove(key, parked);
            removeQuietly(container);
        }
    }

    /**
     * Returns a running container holding layer {@code key}'s files whose settings match; may be null.
     * Waits while that layer's container is still committing.
     */
    synchronized String claim(String key, String signature) {
        Entry entry = byLayer.get(key);
        while (entry != null && entry.committing) {
            waitForChange();
            entry = byLayer.get(key);
        }
        if (entry == null) {
            return null;
        }
        byLayer.remove(key);
        if (entry.signature.equals(signature)) {
            return entry.container;
        }
        removeLater(entry.container);
        return null;
    }

    /**
     * Takes the container of layer {@code key} for reading, whatever its signature; null when there is
     * none. Give it back with {@link #giveBack}. While borrowed, no exec changes its filesystem.
     */
    synchronized Borrowed borrow(String key) {
        Entry entry = byLayer.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.committing) {
            entry.readers++;
        } else {
            byLayer.remove(key);
        }
        return new Borrowed(key, entry.container, entry.signature, entry.committing, entry.mountPoints);
    }

    /** Returns a borrowed container; one that did not answer ({@code usable} false) is not parked again. */
    synchronized void giveBack(Borrowed borrowed, boolean usable) {
        if (!borrowed.whileCommitting) {
            if (usable) {
                park(borrowed.key, borrowed.container, borrowed.signature, borrowed.mountPoints);
            } else {
                removeLater(borrowed.container);
            }
            return;
        }
        Entry entry = byLayer.get(borrowed.key);
        if (entry != null && entry.committing && entry.container.equals(borrowed.container)) {
            entry.readers--;
            notifyAll();
        }
    }

    /** Removes every parked container. */
    synchronized void close() {
        // Pending removals run now; pending expiries find their container removed below.
        expiry.shutdownNow().forEach(Runnable::run);
        byLayer.values().stream().filter(entry -> !entry.committing).forEach(entry -> removeQuietly(entry.container));
        byLayer.values().removeIf(entry -> !entry.committing);
    }

    private void replace(String key, Entry entry) {
        Entry replaced = byLayer.put(key, entry);
        if (replaced != null && !replaced.committing && !replaced.container.equals(entry.container)) {
            removeLater(replaced.container);
        }
    }

    private synchronized void expire(String key, Entry parked) {
        if (byLayer.remove(key, parked)) {
            removeLater(parked.container);
        }
    }

    private void waitForChange() {
        try {
            wait();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a container's commit", interrupted);
        }
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
        try {
            docker.removeContainerCmd(container).withForce(true).exec();
        } catch (DockerException alreadyGone) {
            // Removed by a cleanup already.
        }
    }

    /**
     * A container taken for reading; {@code whileCommitting} when its layer's commit was still running.
     * Below its mount points it shows other files than the layer's.
     */
    record Borrowed(String key, String container, String signature, boolean whileCommitting, MountPoints mountPoints) {
    }

    /** A container holding a layer's files: committing (readers may borrow it) or parked for an exec. */
    private static final class Entry {
        final String container;
        final String signature;
        final boolean committing;
        final MountPoints mountPoints;
        int readers;

        Entry(String container, String signature, boolean committing, MountPoints mountPoints) {
            this.container = container;
            this.signature = signature;
            this.committing = committing;
            this.mountPoints = mountPoints;
        }
    }
}
